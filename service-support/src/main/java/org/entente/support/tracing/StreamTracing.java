package org.entente.support.tracing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The trace of a Kafka Streams processor's outgoing records, one per processor instance (so per task): the outgoing
 * record of a message read continues that message's trace ({@link #headersFor(Headers)}); an outgoing record written
 * later, by a punctuation or after a wait (scoring's coalesced revisions, advice held for its opening, an SLA
 * breach), continues the trace {@link #remember remembered} for its key ({@link #headersFor(String)}).
 *
 * <p><b>Best-effort.</b> What is remembered lives in this processor's memory only, not in a state store: after a
 * restart or a rebalance, or once more than {@value #REMEMBERED} keys wait (the oldest are forgotten first), a record
 * whose trace was forgotten starts a new trace. Traces are for following one message across services; they do not
 * justify changing what the services store.
 *
 * <p>The {@link RecordTracer} comes from the Kafka Streams configuration under {@link #CONFIG} (service-support puts
 * the application's one there); without it, the trace headers pass through unchanged.
 */
public final class StreamTracing {

    /** The Kafka Streams configuration key holding the {@link RecordTracer} (an object, not a string). */
    public static final String CONFIG = "entente.tracing.record-tracer";

    static final int REMEMBERED = 10_000;

    private final RecordTracer tracer;
    private final String spanName;
    private final Map<String, Headers> remembered = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Headers> eldest) {
            return size() > REMEMBERED;
        }
    };

    StreamTracing(RecordTracer tracer, String spanName) {
        this.tracer = tracer;
        this.spanName = spanName;
    }

    /** The tracing of a processor that writes its records under spans named {@code spanName}. */
    public static StreamTracing of(ProcessorContext<?, ?> context, String spanName) {
        Object configured = context.appConfigs().get(CONFIG);
        return new StreamTracing(configured instanceof RecordTracer tracer ? tracer : RecordTracer.PASS_THROUGH,
                spanName);
    }

    /** Headers for a record written now because of a record with {@code cause}'s headers. */
    public Headers headersFor(Headers cause) {
        return tracer.continueFrom(cause, spanName);
    }

    /** Keeps the trace of {@code cause} for a record to be written later under {@code key} (replacing any kept). */
    public void remember(String key, Headers cause) {
        remembered.remove(key); // re-inserted last, so the most recently used key is forgotten last
        remembered.put(key, RecordTracer.traceHeaders(cause));
    }

    /** Drops the trace kept for {@code key}: nothing will be written for it. */
    public void forget(String key) {
        remembered.remove(key);
    }

    /** Headers for a record written now under {@code key}: continuing the trace kept for it (and dropping it). */
    public Headers headersFor(String key) {
        return tracer.continueFrom(remembered.remove(key), spanName);
    }
}
