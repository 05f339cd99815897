package org.entente.scoring.stream;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.entente.schemas.Origin;

/**
 * Scoring's stamp of where a message was published ({@link Origin}), carried through its repartition as one header,
 * {@value #HEADER}, whose value is {@code <topic>:<partition>:<offset>} (no topic name holds a colon). A later dead
 * letter names that topic, partition and offset, and the stamp never leaves the service ({@link #without}).
 *
 * <p>Why one header and not {@link Origin}'s three ({@code entente.origin.topic}, {@code .partition},
 * {@code .offset}, which advice and funnel stamp): every header key is measured and written twice by the producer
 * and decoded by the consumer of the repartition topic, once per message; in a JFR profile of the benchmark's
 * scoring pass (2026-12-06) the headers' handling inside Kafka's clients took about 10 % of the stream thread with
 * the three, about 6 % with the one. The three-header form is still read
 * (messages an earlier version left on the repartition topic or in the parking lot), never written.
 */
final class OriginStamp {

    static final String HEADER = "entente.origin";

    private OriginStamp() {
    }

    /** A copy of {@code headers} (the publisher's) with {@code origin} stamped on it, replacing any stamp there. */
    static Headers stamp(Headers headers, Origin origin) {
        RecordHeaders stamped = new RecordHeaders(headers.toArray());
        stamped.remove(HEADER);
        String value = origin.topic() + ':' + origin.partition() + ':' + origin.offset();
        stamped.add(HEADER, value.getBytes(StandardCharsets.UTF_8));
        return stamped;
    }

    /** The origin stamped on {@code headers} (either form), or empty when none is (or it is unreadable). */
    static Optional<Origin> of(Headers headers) {
        Header stamp = headers.lastHeader(HEADER);
        if (stamp == null || stamp.value() == null) {
            return Origin.of(headers);
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
    static Headers without(Headers headers) {
        Headers copy = Origin.without(headers);
        copy.remove(HEADER);
        return copy;
    }
}
