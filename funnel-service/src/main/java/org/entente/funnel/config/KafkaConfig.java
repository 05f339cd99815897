package org.entente.funnel.config;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.events.FunnelEvent;
import org.entente.funnel.domain.FunnelSettings;
import org.entente.funnel.stream.DirectoryBook;
import org.entente.funnel.stream.FunnelFeed;
import org.entente.funnel.stream.FunnelTopology;
import org.entente.schemas.Topics;
import org.entente.support.topics.ServiceTopics;
import org.entente.support.tracing.CurrentTraceInterceptor;
import org.entente.support.tracing.RecordTracer;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Kafka wiring: the topics the service reads and writes (service-support creates them, with their DLQs), the
 * producer the HTTP intake publishes with, and the funnel topology on Spring Kafka's {@code StreamsBuilder}.
 */
@Configuration
@EnableKafkaStreams
@EnableConfigurationProperties(FunnelProperties.class)
public class KafkaConfig {

    /** Every topic the funnel reads or writes, and the dead-letter topic it writes (created by service-support). */
    @Bean
    public ServiceTopics funnelTopics() {
        return ServiceTopics.of(Topics.FUNNEL_EVENTS, Topics.FUNNEL_METRICS, Topics.FUNNEL_ALERTS)
                .deadLettersOf(Topics.FUNNEL_EVENTS);
    }

    /**
     * UP once the live feed reads from the end of its topics (before that the board could miss what happens); the
     * topology's own health is service-support's {@code kafkaStreams}.
     */
    @Bean
    public HealthIndicator liveFeedHealthIndicator(FunnelFeed feed) {
        return () -> (feed.isPositioned() ? Health.up() : Health.down())
                .withDetail("state", feed.isPositioned() ? "LIVE" : "STARTING").build();
    }

    /** The configured settings, with the directory entries admins edited on top ({@link DirectoryBook}). */
    @Bean
    public FunnelSettings funnelSettings(FunnelProperties properties, DirectoryBook directory) {
        return properties.toSettings().withDirectoryEdits(directory);
    }

    @Bean
    public FunnelTopology funnelTopology(StreamsBuilder builder, FunnelSettings settings, FunnelProperties properties,
            @Value("${spring.application.name}") String serviceName) {
        FunnelTopology topology = new FunnelTopology(settings, properties.clockInterval(), serviceName);
        topology.addTo(builder);
        return topology;
    }

    @Bean
    public KafkaTemplate<String, FunnelEvent> funnelEventTemplate(KafkaProperties kafka, RecordTracer recordTracer) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        var factory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
                Topics.FUNNEL_EVENTS.valueSerde().serializer());
        var template = new KafkaTemplate<>(factory);
        // the event carries the HTTP request's trace (W3C traceparent)
        template.setProducerInterceptor(new CurrentTraceInterceptor<>(recordTracer));
        return template;
    }
}
