package org.entente.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * How a message crosses a service's own repartition topic: its {@link Origin} (where it was published) in front of
 * its original bytes, so that the repartition's records carry no header of ours. Kafka's producer measures and
 * writes every header twice per record and its consumer decodes each one; with the origin as a header that took
 * about 6 % of scoring's stream thread (2026-12-06 profile, and a tenth less CPU per response without it), the bytes
 * here take a copy of the message. scoring-service, advice-service and funnel-service all carry it this way.
 *
 * <p>The layout, version 1 (all integers big-endian):
 * <pre>
 *   00 01                  marker and version (a single-object encoded event starts C3 01, so never 00)
 *   LL                     length of the topic name in UTF-8 bytes, one unsigned byte (Kafka allows 249)
 *   topic                  the topic it was published to
 *   PP PP PP PP            the partition, int32
 *   OO OO OO OO OO OO OO OO the offset, int64
 *   ...                    the original bytes, as published
 * </pre>
 * A value that does not start {@code 00 01} or is cut short is not prefixed ({@link #read} answers null): what an
 * earlier version left on a repartition topic (the original bytes, which an intake let through only when they
 * decode, so they start {@code C3 01}, with the origin in an {@link Origin} header) is read as it was.
 *
 * <p>The prefix never leaves a service: its processor takes it off before it decodes, dead-letters (dead letters
 * carry the origin in {@link DeadLetters} headers) or keeps a message.
 */
public final class OriginPrefix {

    public static final byte MARKER = 0x00;
    public static final byte VERSION = 1;
    /** The marker, version, topic length, partition and offset: the prefix without the topic's name. */
    private static final int FIXED = 3 + 4 + 8;

    /** Taken apart: where the message was published, and its bytes as published. */
    public record Stamped(Origin origin, byte[] original) {
    }

    /** The contract topics' names as bytes, so that reading one makes no new string. */
    private static final List<String> KNOWN = Topics.ALL.stream().map(Topic::name).toList();
    private static final List<byte[]> KNOWN_BYTES =
            KNOWN.stream().map(name -> name.getBytes(StandardCharsets.UTF_8)).toList();

    private OriginPrefix() {
    }

    /** {@code original} with {@code origin} in front of it. */
    public static byte[] prefix(Origin origin, byte[] original) {
        byte[] topic = origin.topic().getBytes(StandardCharsets.UTF_8);
        if (topic.length > 255) {
            throw new IllegalArgumentException("a topic name has at most 249 characters: " + origin.topic());
        }
        ByteBuffer stamped = ByteBuffer.allocate(FIXED + topic.length + original.length);
        stamped.put(MARKER).put(VERSION).put((byte) topic.length).put(topic)
                .putInt(origin.partition()).putLong(origin.offset()).put(original);
        return stamped.array();
    }

    /** The origin and original bytes of a prefixed {@code value}, or null when it is not prefixed (version 1). */
    public static Stamped read(byte[] value) {
        if (value == null || value.length < FIXED || value[0] != MARKER || value[1] != VERSION) {
            return null;
        }
        int topicLength = value[2] & 0xff;
        int start = FIXED + topicLength;
        if (value.length < start) {
            return null;
        }
        ByteBuffer numbers = ByteBuffer.wrap(value, 3 + topicLength, 12);
        Origin origin = new Origin(topicName(value, topicLength), numbers.getInt(), numbers.getLong());
        return new Stamped(origin, Arrays.copyOfRange(value, start, value.length));
    }

    /** A contract topic's name without a new string each time; any other name as it is written. */
    private static String topicName(byte[] value, int length) {
        for (int i = 0; i < KNOWN_BYTES.size(); i++) {
            byte[] known = KNOWN_BYTES.get(i);
            if (Arrays.equals(value, 3, 3 + length, known, 0, known.length)) {
                return KNOWN.get(i);
            }
        }
        return new String(value, 3, length, StandardCharsets.UTF_8);
    }
}
