package org.entente.scoring.config;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.entente.schemas.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates, when absent, every topic scoring reads or writes and their dead-letter topics. Their partition counts
 * need not match: the topology brings both inputs onto its own repartition topic (created by Kafka Streams).
 */
@Configuration(proxyBeanMethods = false)
public class TopicsConfig {

    @Bean
    KafkaAdmin.NewTopics scoringTopics(@Value("${entente.topics.partitions:3}") int partitions,
            @Value("${entente.topics.replication-factor:1}") short replicationFactor) {
        return new KafkaAdmin.NewTopics(Topics.withDeadLetters(partitions, replicationFactor,
                List.of(Topics.ASSESSMENTS, Topics.RESPONSES, Topics.STAGES)).toArray(NewTopic[]::new));
    }
}
