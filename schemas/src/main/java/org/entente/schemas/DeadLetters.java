package org.entente.schemas;

import java.nio.charset.StandardCharsets;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers every Entente service puts on a message it sends to a {@code <topic>.dlq}: the original key and bytes
 * are kept as they were, and these say why the message was rejected and where it came from. {@link #deadLetter} makes
 * them and counts the rejection; every service dead-letters through it.
 */
public final class DeadLetters {

    /** A short machine-readable cause, such as {@code UNKNOWN_FINGERPRINT} or {@code WRONG_ANSWER_COUNT}. */
    public static final String REASON_CODE = "entente.dlq.reason-code";
    /** The reason in words. */
    public static final String REASON = "entente.dlq.reason";
    public static final String SOURCE_TOPIC = "entente.dlq.source-topic";
    public static final String SOURCE_PARTITION = "entente.dlq.source-partition";
    public static final String SOURCE_OFFSET = "entente.dlq.source-offset";
    /** The service that rejected the message. */
    public static final String REJECTED_BY = "entente.dlq.rejected-by";

    /**
     * The Micrometer counter each service increments per dead letter, tagged {@code topic} (the source) and
     * {@code reason} (the reason code); Prometheus shows it as {@code entente_dead_letters_total}.
     */
    public static final String METRIC = "entente.dead.letters";

    private DeadLetters() {
    }

    /**
     * The headers of the dead letter for a record read from {@code sourceTopic} at {@code sourcePartition} and
     * {@code sourceOffset}: a copy of the record's own headers (which are left as they are) with the rejection
     * headers added, replacing earlier ones of the same names (a message dead-lettered twice says why the last
     * time). Counts the rejection in {@link #METRIC}, tagged with {@code sourceTopic} and {@code reasonCode}.
     *
     * @param original the rejected record's headers, or {@code null} when it had none
     * @param sourcePartition -1 when unknown, as is {@code sourceOffset}
     */
    public static Headers deadLetter(Headers original, String reasonCode, String reason, String sourceTopic,
            int sourcePartition, long sourceOffset, String rejectedBy) {
        Headers headers = new RecordHeaders(original == null ? new Header[0] : original.toArray());
        put(headers, REASON_CODE, reasonCode);
        put(headers, REASON, reason);
        put(headers, SOURCE_TOPIC, sourceTopic);
        put(headers, SOURCE_PARTITION, Integer.toString(sourcePartition));
        put(headers, SOURCE_OFFSET, Long.toString(sourceOffset));
        put(headers, REJECTED_BY, rejectedBy);
        Metrics.counter(METRIC, "topic", sourceTopic, "reason", reasonCode).increment();
        return headers;
    }

    /** The value of a header as text, or {@code null} when absent. */
    public static String read(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
