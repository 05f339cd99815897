package org.entente.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Where a message was published: its topic, partition and offset. A service that moves an input through a
 * repartition topic of its own before it judges it (so that any producer's partitioner works) stamps these as
 * headers on the way in; whatever it later dead-letters then still names the message as it was published, not the
 * repartition topic it was read from last. The headers are the service's own bookkeeping: {@link #without} takes
 * them off again before a message leaves the service.
 */
public record Origin(String topic, int partition, long offset) {

    public static final String TOPIC = "entente.origin.topic";
    public static final String PARTITION = "entente.origin.partition";
    public static final String OFFSET = "entente.origin.offset";

    /** Adds (or replaces) the origin headers on {@code headers} and returns them. */
    public Headers stampOn(Headers headers) {
        put(headers, TOPIC, topic);
        put(headers, PARTITION, Integer.toString(partition));
        put(headers, OFFSET, Long.toString(offset));
        return headers;
    }

    /** The origin stamped on {@code headers}, or empty when none is (or it is unreadable). */
    public static Optional<Origin> of(Headers headers) {
        String topic = DeadLetters.read(headers, TOPIC);
        String partition = DeadLetters.read(headers, PARTITION);
        String offset = DeadLetters.read(headers, OFFSET);
        if (topic == null || partition == null || offset == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Origin(topic, Integer.parseInt(partition), Long.parseLong(offset)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A copy of {@code headers} without the origin headers: the headers the publisher sent. */
    public static Headers without(Headers headers) {
        RecordHeaders copy = new RecordHeaders();
        for (Header header : headers) {
            if (!TOPIC.equals(header.key()) && !PARTITION.equals(header.key()) && !OFFSET.equals(header.key())) {
                copy.add(header);
            }
        }
        return copy;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
