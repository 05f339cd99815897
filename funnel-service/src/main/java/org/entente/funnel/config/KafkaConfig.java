package org.entente.funnel.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.events.FunnelEvent;
import org.entente.funnel.domain.FunnelSettings;
import org.entente.funnel.stream.FunnelTopology;
import org.entente.schemas.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Kafka wiring: the topics the service reads and writes (created if absent, with their DLQs), the producer the HTTP
 * intake publishes with, and the funnel topology on Spring Kafka's {@code StreamsBuilder}.
 */
@Configuration
@EnableKafkaStreams
@EnableConfigurationProperties(FunnelProperties.class)
public class KafkaConfig {

    @Bean
    public KafkaAdmin.NewTopics funnelTopics(@Value("${entente.topics.partitions:3}") int partitions,
            @Value("${entente.topics.replication-factor:1}") short replication) {
        // Only the dead-letter topic it writes: under ACLs it may not even see the others (see local's KafkaAccess).
        List<NewTopic> topics = new java.util.ArrayList<>(Topics.withDeadLetters(partitions, replication,
                List.of(Topics.FUNNEL_EVENTS)));
        topics.add(Topics.FUNNEL_METRICS.newTopic(partitions, replication));
        topics.add(Topics.FUNNEL_ALERTS.newTopic(partitions, replication));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    public FunnelSettings funnelSettings(FunnelProperties properties) {
        return properties.toSettings();
    }

    @Bean
    public FunnelTopology funnelTopology(StreamsBuilder builder, FunnelSettings settings, FunnelProperties properties,
            @Value("${spring.application.name}") String serviceName) {
        FunnelTopology topology = new FunnelTopology(settings, properties.clockInterval(), serviceName);
        topology.addTo(builder);
        return topology;
    }

    @Bean
    public KafkaTemplate<String, FunnelEvent> funnelEventTemplate(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        var factory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
                Topics.FUNNEL_EVENTS.valueSerde().serializer());
        return new KafkaTemplate<>(factory);
    }
}
