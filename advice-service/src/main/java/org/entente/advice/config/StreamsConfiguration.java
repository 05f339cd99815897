package org.entente.advice.config;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.HostInfo;
import org.entente.advice.stream.AdviceQueries;
import org.entente.advice.stream.AdviceTopology;
import org.entente.schemas.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Spring wiring for the Kafka side: the topics this service reads and writes (created if absent), the topology on
 * Spring Kafka's {@link StreamsBuilder}, store queries for the web layer, and a health indicator that is UP only
 * while Kafka Streams is running.
 */
@Configuration
@EnableKafkaStreams
public class StreamsConfiguration {

    @Bean
    KafkaAdmin.NewTopics adviceTopics(@Value("${entente.topics.partitions:3}") int partitions,
            @Value("${entente.topics.replication-factor:1}") short replicationFactor) {
        return new KafkaAdmin.NewTopics(
                Topics.ASSESSMENTS.newTopic(partitions, replicationFactor),
                Topics.ASSESSMENTS.newDlqTopic(partitions, replicationFactor),
                Topics.STAGES.newTopic(partitions, replicationFactor),
                Topics.STAGES.newDlqTopic(partitions, replicationFactor),
                Topics.ADVICE.newTopic(partitions, replicationFactor),
                Topics.ADVICE.newDlqTopic(partitions, replicationFactor),
                Topics.FUNNEL_METRICS.newTopic(partitions, replicationFactor),
                Topics.FUNNEL_METRICS.newDlqTopic(partitions, replicationFactor));
    }

    @Bean
    AdviceTopology adviceTopology(StreamsBuilder builder) {
        AdviceTopology topology = new AdviceTopology();
        topology.addTo(builder);
        return topology;
    }

    @Bean
    AdviceQueries adviceQueries(StreamsBuilderFactoryBean factory,
            @Value("${spring.kafka.streams.properties.application.server:}") String advertised) {
        HostInfo self = advertised.isBlank() ? null : HostInfo.buildFromEndpoint(advertised);
        return new AdviceQueries(factory::getKafkaStreams, self);
    }

    @Bean
    HealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factory) {
        return () -> {
            KafkaStreams streams = factory.getKafkaStreams();
            if (streams == null) {
                return Health.down().withDetail("state", "NOT_STARTED").build();
            }
            KafkaStreams.State state = streams.state();
            return (state == KafkaStreams.State.RUNNING ? Health.up() : Health.down())
                    .withDetail("state", state.name()).build();
        };
    }
}
