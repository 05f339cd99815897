package org.entente.funnel.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.entente.schemas.EventSerde;
import org.entente.schemas.Topics;

/**
 * Stream time follows when funnel events happened ({@code occurredAt}), not when they reached Kafka, so SLA clocks
 * run on event time whoever published the event. Bytes that do not decode keep the record's timestamp; they are
 * sent to the dead-letter topic anyway. So does an event dated before 1970: Kafka Streams would drop a record with a
 * negative timestamp without a word, and the intake dead-letters it with its reason instead.
 *
 * <p>An event written with the {@code FunnelEvent} schema of {@link #WRITTEN_FOR} (this build's) is not decoded: its
 * {@code occurredAt} is read by stepping over the Avro binary fields written before it, a small part of the work of
 * decoding it (the intake and the lead step decode every event anyway; decoding it here as well would be a third
 * time, for one long). Bytes of any other version are decoded. One instance serves every task of every stream thread, so it keeps no
 * state.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    /**
     * The fingerprint of the {@code FunnelEvent} schema whose layout {@link #occurredAt} steps through: eventId,
     * organization, leadId (strings), accountId (null or string), type (enum), step (null or enum), team (enum),
     * actor (string), amountCents and grossProfitCents (null or long), reason (null or string), then occurredAt
     * (long). Bytes of that version always have that layout, so a newer schema only makes the shortcut unused until
     * it is written for it (a test says so).
     */
    static final long WRITTEN_FOR = 0x3B2BDB3289A018AAL;

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof byte[] bytes) {
            try {
                long occurredAt = EventSerde.writtenWith(bytes, WRITTEN_FOR) ? occurredAt(bytes)
                        : Topics.FUNNEL_EVENTS.valueSerde().deserializer().deserialize(record.topic(), bytes)
                                .getOccurredAt().toEpochMilli();
                if (occurredAt >= 0) {
                    return occurredAt;
                }
            } catch (RuntimeException notAnEvent) {
                // fall through to the broker's timestamp
            }
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }

    /**
     * The {@code occurredAt} of an event of {@link #WRITTEN_FOR}; an {@link IndexOutOfBoundsException} or an
     * {@link IllegalArgumentException} when the bytes end early or are not Avro.
     */
    static long occurredAt(byte[] bytes) {
        Cursor in = new Cursor(bytes, EventSerde.HEADER_LENGTH);
        in.skipString(); // eventId
        in.skipString(); // organization
        in.skipString(); // leadId
        if (in.branch()) { // accountId
            in.skipString();
        }
        in.readLong(); // type
        if (in.branch()) { // step
            in.readLong();
        }
        in.readLong(); // team
        in.skipString(); // actor
        if (in.branch()) { // amountCents
            in.readLong();
        }
        if (in.branch()) { // grossProfitCents
            in.readLong();
        }
        if (in.branch()) { // reason
            in.skipString();
        }
        return in.readLong(); // occurredAt, timestamp-millis
    }

    /** Avro's binary encoding, read forward: zig-zag varints, and strings as a length and that many bytes. */
    private static final class Cursor {

        private final byte[] bytes;
        private int position;

        Cursor(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        long readLong() {
            long raw = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte next = bytes[position++];
                raw |= (long) (next & 0x7f) << shift;
                if (next >= 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw new IllegalArgumentException("a varint longer than ten bytes");
        }

        /** Whether a {@code ["null", T]} union holds a T. */
        boolean branch() {
            long index = readLong();
            if (index != 0 && index != 1) {
                throw new IllegalArgumentException("union branch " + index + " of two");
            }
            return index == 1;
        }

        void skipString() {
            long length = readLong();
            if (length < 0 || length > bytes.length - position) {
                throw new IndexOutOfBoundsException("a string of " + length + " bytes");
            }
            position += (int) length;
        }
    }
}
