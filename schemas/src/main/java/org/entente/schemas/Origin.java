package org.entente.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Where a message was published: its topic, partition and offset. A service that moves an input through a
 * repartition topic of its own before it judges it (so that any producer's partitioner works) carries it across in
 * front of the message's bytes ({@link OriginPrefix}); whatever it later dead-letters then still names the message as
 * it was published, not the repartition topic it was read from last. Where a message is kept with its headers
 * (scoring's parking lot), and on what earlier versions left on a repartition topic, it is one header,
 * {@value #HEADER}, whose value is {@code <topic>:<partition>:<offset>} (no topic name holds a colon). The stamp is
 * the service's own bookkeeping: {@link #without} takes it off again before a message leaves the service.
 *
 * <p>Why one header: every header key is measured and written twice by the producer and decoded by the consumer of
 * the repartition topic, once per message; in a profile of scoring's pass (2026-12-06) the three headers an earlier
 * version stamped ({@code entente.origin.topic}, {@code .partition}, {@code .offset}) took about 10 % of the stream
 * thread, the one about 6 %. The three-header form is still read (messages an earlier version left on a repartition
 * topic or in scoring's parking lot) and taken off, never written.
 */
public record Origin(String topic, int partition, long offset) {

    public static final String HEADER = "entente.origin";

    static final String LEGACY_TOPIC = "entente.origin.topic";
    static final String LEGACY_PARTITION = "entente.origin.partition";
    static final String LEGACY_OFFSET = "entente.origin.offset";

    /** Stamps this origin on {@code headers}, replacing any stamp there (either form), and returns them. */
    public Headers stampOn(Headers headers) {
        removeStamps(headers);
        headers.add(HEADER, (topic + ':' + partition + ':' + offset).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The origin stamped on {@code headers} (either form), or empty when none is (or it is unreadable). */
    public static Optional<Origin> of(Headers headers) {
        Header stamp = headers.lastHeader(HEADER);
        if (stamp == null || stamp.value() == null) {
            return ofLegacy(headers);
        }
        String value = new String(stamp.value(), StandardCharsets.UTF_8);
        int last = value.lastIndexOf(':');
        int middle = last < 0 ? -1 : value.lastIndexOf(':', last - 1);
        if (middle <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Origin(value.substring(0, middle), Integer.parseInt(value, middle + 1, last, 10),
                    Long.parseLong(value, last + 1, value.length(), 10)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A copy of {@code headers} without any origin stamp (either form): the headers the publisher sent. */
    public static Headers without(Headers headers) {
        Headers copy = new RecordHeaders(headers.toArray());
        removeStamps(copy);
        return copy;
    }

    private static Optional<Origin> ofLegacy(Headers headers) {
        String topic = DeadLetters.read(headers, LEGACY_TOPIC);
        String partition = DeadLetters.read(headers, LEGACY_PARTITION);
        String offset = DeadLetters.read(headers, LEGACY_OFFSET);
        if (topic == null || partition == null || offset == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Origin(topic, Integer.parseInt(partition), Long.parseLong(offset)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void removeStamps(Headers headers) {
        headers.remove(HEADER);
        headers.remove(LEGACY_TOPIC);
        headers.remove(LEGACY_PARTITION);
        headers.remove(LEGACY_OFFSET);
    }
}
