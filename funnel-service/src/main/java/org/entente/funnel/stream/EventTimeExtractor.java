package org.entente.funnel.stream;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.entente.events.FunnelEvent;
import org.entente.schemas.EventSerde;
import org.entente.schemas.SchemaHistory;

/**
 * Stream time follows when funnel events happened ({@code occurredAt}), not when they reached Kafka, so SLA clocks
 * run on event time whoever published the event. Bytes that do not decode keep the record's timestamp; they are
 * sent to the dead-letter topic anyway.
 *
 * <p>It reads {@code occurredAt} alone: the message's writer schema (any kept version of {@code FunnelEvent}, found
 * by the single-object fingerprint) is resolved against a reader schema that has only that field, so Avro skips the
 * other fields instead of building their strings and enums. The intake step decodes the whole event right after;
 * this keeps the extractor's share of that work small. It does not judge the event: what is not a well-formed
 * {@code FunnelEvent} keeps the broker's timestamp here and is dead-lettered by the intake step.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    /** {@code FunnelEvent} as far as stream time cares: its event time, as epoch milliseconds. */
    private static final Schema OCCURRED_AT = SchemaBuilder.record(FunnelEvent.getClassSchema().getName())
            .namespace(FunnelEvent.getClassSchema().getNamespace())
            .fields().name("occurredAt").type().longType().noDefault()
            .endRecord();

    /** One reader per writer version met (by fingerprint); safe to share, as the extractor is between threads. */
    private final Map<Long, DatumReader<GenericRecord>> readers = new ConcurrentHashMap<>();

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof byte[] bytes) {
            Long occurredAt = occurredAt(bytes);
            if (occurredAt != null) {
                return occurredAt;
            }
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }

    /** The event time in a single-object-encoded {@code FunnelEvent}; null when the bytes are not one. */
    Long occurredAt(byte[] bytes) {
        if (bytes.length < EventSerde.HEADER_LENGTH || bytes[0] != EventSerde.MARKER_0
                || bytes[1] != EventSerde.MARKER_1) {
            return null;
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        DatumReader<GenericRecord> reader = readers.computeIfAbsent(fingerprint, EventTimeExtractor::readerFor);
        if (reader == null) {
            return null;
        }
        try {
            GenericRecord read = reader.read(null, DecoderFactory.get().binaryDecoder(bytes,
                    EventSerde.HEADER_LENGTH, bytes.length - EventSerde.HEADER_LENGTH, null));
            return (Long) read.get(0);
        } catch (java.io.IOException | RuntimeException notAnEvent) {
            return null;
        }
    }

    /** A reader of {@code occurredAt} from this writer version, or null when it is no kept {@code FunnelEvent}. */
    private static DatumReader<GenericRecord> readerFor(long fingerprint) {
        Schema writer = SchemaHistory.kept().findByFingerprint(fingerprint);
        if (writer == null || !writer.getFullName().equals(OCCURRED_AT.getFullName())) {
            return null;
        }
        return new GenericDatumReader<>(writer, OCCURRED_AT, new GenericData());
    }
}
