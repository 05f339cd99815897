package org.entente.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The tracer service-support hands to the Kafka Streams processors, built by Spring Boot's own tracing. */
class RecordTracerTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CAUSE = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
                    TracingConfiguration.class));

    @Test
    void anOutgoingRecordContinuesTheTraceOfItsCauseInANewSpan() {
        context.run(app -> {
            RecordTracer tracer = app.getBean(RecordTracer.class);
            assertThat(tracer).isNotSameAs(RecordTracer.PASS_THROUGH);
            String out = traceparent(tracer.continueFrom(withTraceparent(CAUSE), "score"));
            assertThat(out).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
            assertThat(out).isNotEqualTo(CAUSE);
        });
    }

    @Test
    void aRecordWithoutATraceStartsOne() {
        context.run(app -> {
            RecordTracer tracer = app.getBean(RecordTracer.class);
            String first = traceparent(tracer.continueFrom(new RecordHeaders(), "score"));
            String second = traceparent(tracer.continueFrom(null, "score"));
            assertThat(first).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            assertThat(traceId(first)).isNotEqualTo(traceId(second)).isNotEqualTo(TRACE_ID);
        });
    }

    @Test
    void withoutATracerTheTraceparentPassesThroughUnchanged() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracingConfiguration.class)).run(app -> {
            RecordTracer tracer = app.getBean(RecordTracer.class);
            assertThat(tracer).isSameAs(RecordTracer.PASS_THROUGH);
            assertThat(traceparent(tracer.continueFrom(withTraceparent(CAUSE), "score"))).isEqualTo(CAUSE);
            assertThat(tracer.continueFrom(new RecordHeaders(), "score").lastHeader(RecordTracer.TRACEPARENT))
                    .isNull();
        });
    }

    @Test
    void aRememberedTraceIsContinuedOnceByTheRecordWrittenLaterForItsKey() {
        context.run(app -> {
            StreamTracing tracing = new StreamTracing(app.getBean(RecordTracer.class), "score");
            tracing.remember("a-1", withTraceparent("00-" + "1".repeat(32) + "-00f067aa0ba902b7-01"));
            tracing.remember("a-1", withTraceparent(CAUSE)); // the latest cause wins
            assertThat(traceId(traceparent(tracing.headersFor("a-1")))).isEqualTo(TRACE_ID);
            assertThat(traceId(traceparent(tracing.headersFor("a-1")))).isNotEqualTo(TRACE_ID);
            tracing.remember("a-2", withTraceparent(CAUSE));
            tracing.forget("a-2");
            assertThat(traceId(traceparent(tracing.headersFor("a-2")))).isNotEqualTo(TRACE_ID);
        });
    }

    @Test
    void onlyABoundedNumberOfTracesIsRememberedTheOldestForgottenFirst() {
        StreamTracing tracing = new StreamTracing(RecordTracer.PASS_THROUGH, "score");
        tracing.remember("first", withTraceparent(CAUSE));
        tracing.remember("second", withTraceparent(CAUSE));
        tracing.remember("first", withTraceparent(CAUSE)); // used again: now the newest
        for (int i = 0; i < StreamTracing.REMEMBERED - 1; i++) {
            tracing.remember("key-" + i, withTraceparent(CAUSE));
        }
        assertThat(tracing.headersFor("second").lastHeader(RecordTracer.TRACEPARENT)).isNull();
        assertThat(traceparent(tracing.headersFor("first"))).isEqualTo(CAUSE);
    }

    @Test
    void aRecordSentWhileARequestIsAnsweredCarriesTheRequestSpansTrace() {
        context.run(app -> {
            RecordTracer recordTracer = app.getBean(RecordTracer.class);
            Tracer tracer = app.getBean(Tracer.class);
            var interceptor = new CurrentTraceInterceptor<String, String>(recordTracer);
            Span request = tracer.nextSpan().name("http post").start();
            try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
                ProducerRecord<String, String> sent = interceptor.onSend(new ProducerRecord<>("t", "k", "v"));
                assertThat(traceparent(sent.headers())).matches(
                        "00-" + request.context().traceId() + "-" + request.context().spanId() + "-0[01]");
            } finally {
                request.end();
            }
            ProducerRecord<String, String> outside = interceptor.onSend(new ProducerRecord<>("t", "k", "v"));
            assertThat(outside.headers().lastHeader(RecordTracer.TRACEPARENT)).isNull();
        });
    }

    @Test
    void withoutATracerASentRecordGetsNoTrace() {
        ProducerRecord<String, String> sent = new CurrentTraceInterceptor<String, String>(RecordTracer.PASS_THROUGH)
                .onSend(new ProducerRecord<>("t", "k", "v"));
        assertThat(sent.headers().lastHeader(RecordTracer.TRACEPARENT)).isNull();
    }

    static Headers withTraceparent(String traceparent) {
        return new RecordHeaders().add(RecordTracer.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
    }

    static String traceparent(Headers headers) {
        var header = headers.lastHeader(RecordTracer.TRACEPARENT);
        assertThat(header).as("a traceparent header").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    static String traceId(String traceparent) {
        return traceparent.split("-")[1];
    }
}
