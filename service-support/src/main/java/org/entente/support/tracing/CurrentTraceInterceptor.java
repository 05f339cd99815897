package org.entente.support.tracing;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Puts the trace of the HTTP request being answered on every record an intake sends ({@code traceparent}, and
 * {@code tracestate} when there is one), on the request's own thread, as a {@code KafkaTemplate}'s interceptor. It
 * replaces spring-kafka's template observation, which did the same and also opened a producer span with a timer and a
 * long-task timer per record: about a tenth of an intake's CPU per request for a span that only said "sent"
 * ({@code bench/results/experiments/2026-12-06-vm-intake.md}). The send's own figures stay on the producer's metrics.
 */
public final class CurrentTraceInterceptor<K, V> implements ProducerInterceptor<K, V> {

    private final RecordTracer tracer;

    public CurrentTraceInterceptor(RecordTracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
        tracer.writeCurrentTrace(record.headers());
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        // nothing to close: no span was opened
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
