package org.entente.support.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Hands the application's tracer to its Kafka Streams processors: a {@link RecordTracer} over Spring Boot's
 * Micrometer Tracing (OpenTelemetry bridge, W3C propagation), put into every Kafka Streams configuration under
 * {@link StreamTracing#CONFIG}, where {@link StreamTracing#of} finds it. Without a tracer (tracing turned off) the
 * processors pass the incoming {@code traceparent} on unchanged.
 *
 * <p>HTTP requests are traced by Spring itself (the server observation); the records the intakes send carry the
 * request's trace through {@link CurrentTraceInterceptor}; exporting is Spring Boot's OTLP exporter, configured only
 * when {@code management.opentelemetry.tracing.export.otlp.endpoint} is set.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration"})
@ConditionalOnClass(Tracer.class)
public class TracingConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RecordTracer recordTracer(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer found = tracer.getIfUnique();
        Propagator propagation = propagator.getIfUnique();
        if (found == null || found == Tracer.NOOP || propagation == null || propagation == Propagator.NOOP) {
            return RecordTracer.PASS_THROUGH;
        }
        return new RecordTracer(found, propagation);
    }

    /**
     * Only where Kafka Streams runs: puts the tracer into each Kafka Streams application's configuration before it
     * starts (a lifecycle of an early phase, since the Spring Cloud Stream binder applies only one
     * {@code StreamsBuilderFactoryBeanConfigurer}, and the services have their own).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.kafka.streams.KafkaStreams")
    static class StreamsTracing {

        @Bean
        SmartLifecycle recordTracerInStreamsConfig(RecordTracer recordTracer,
                ObjectProvider<StreamsBuilderFactoryBean> factories) {
            return new SmartLifecycle() {
                private volatile boolean running;

                @Override
                public void start() {
                    factories.orderedStream().filter(factory -> !factory.isRunning()).forEach(factory -> {
                        Properties config = factory.getStreamsConfiguration(); // a copy
                        if (config != null) {
                            config.put(StreamTracing.CONFIG, recordTracer);
                            factory.setStreamsConfiguration(config);
                        }
                    });
                    running = true;
                }

                @Override
                public void stop() {
                    running = false;
                }

                @Override
                public boolean isRunning() {
                    return running;
                }

                @Override
                public int getPhase() {
                    return 0; // before Kafka Streams starts (its phase is near Integer.MAX_VALUE)
                }
            };
        }
    }
}
