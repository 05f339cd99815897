package org.entente.support.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Carries a trace from a Kafka record that was read to a record written because of it, where no library does it for
 * us (Kafka Streams has no observation of its own): reads the W3C {@code traceparent} (and {@code tracestate}) of the
 * record that caused the write, starts a child span of that trace through Micrometer Tracing (the OpenTelemetry
 * bridge, so the span is exported with the others when an OTLP endpoint is configured), ends it, and returns headers
 * that carry the child's {@code traceparent} for the outgoing record. A record without a {@code traceparent} starts a
 * new trace.
 *
 * <p>Where no tracer is configured (Kafka Streams run by a test harness, or tracing turned off) {@link #PASS_THROUGH}
 * copies the incoming {@code traceparent} as it is, so the trace id still reaches the next service; no span is
 * started. The span covers only the decision to write, not the time the record waited in a topic.
 */
public final class RecordTracer {

    /** The W3C Trace Context header, as HTTP and spring-kafka's own observation write it. */
    public static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";
    private static final List<String> TRACE_HEADERS = List.of(TRACEPARENT, TRACESTATE);

    /** Passes the cause's trace headers on unchanged: no tracer, no spans. */
    public static final RecordTracer PASS_THROUGH = new RecordTracer(null, null);

    private final Tracer tracer;
    private final Propagator propagator;

    /** A tracer that starts spans; {@code tracer} and {@code propagator} both null is {@link #PASS_THROUGH}. */
    public RecordTracer(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * Headers for a record written because of a record with {@code cause}'s headers (or of none, when null): a child
     * span named {@code spanName} is started and ended, and its {@code traceparent} written on the result.
     */
    public Headers continueFrom(Headers cause, String spanName) {
        Headers out = new RecordHeaders();
        if (tracer == null) {
            copyTraceHeaders(cause, out);
            return out;
        }
        Span span = propagator.extract(cause == null ? new RecordHeaders() : cause, RecordTracer::lastValue)
                .name(spanName)
                .kind(Span.Kind.PRODUCER)
                .start();
        try {
            propagator.inject(span.context(), out, RecordTracer::replace);
        } finally {
            span.end();
        }
        return out;
    }

    /**
     * Writes the trace of the span current on this thread (the HTTP request being answered) on {@code headers}, so the
     * record joins the caller's trace; nothing when there is no tracer or no current span. No span of its own.
     */
    public void writeCurrentTrace(Headers headers) {
        if (tracer == null) {
            return;
        }
        Span current = tracer.currentSpan();
        if (current != null) {
            propagator.inject(current.context(), headers, RecordTracer::replace);
        }
    }

    /** Only the trace headers of {@code from} (null for none), copied: what is kept to continue a trace later. */
    static Headers traceHeaders(Headers from) {
        Headers kept = new RecordHeaders();
        copyTraceHeaders(from, kept);
        return kept;
    }

    private static void copyTraceHeaders(Headers from, Headers to) {
        if (from == null) {
            return;
        }
        for (String name : TRACE_HEADERS) {
            Header header = from.lastHeader(name);
            if (header != null) {
                to.add(name, header.value());
            }
        }
    }

    private static void replace(Headers headers, String key, String value) {
        headers.remove(key).add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String lastValue(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
