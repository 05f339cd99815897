package org.entente.scoring.config;

import org.entente.schemas.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates, when absent, every topic scoring reads or writes and their dead-letter topics. The assessments and the
 * responses topics must have the same partition count: the topology relies on an assessment and its responses
 * landing in the same partition number.
 */
@Configuration(proxyBeanMethods = false)
public class TopicsConfig {

    @Bean
    KafkaAdmin.NewTopics scoringTopics(@Value("${entente.topics.partitions:3}") int partitions,
            @Value("${entente.topics.replication-factor:1}") short replicationFactor) {
        return new KafkaAdmin.NewTopics(
                Topics.ASSESSMENTS.newTopic(partitions, replicationFactor),
                Topics.ASSESSMENTS.newDlqTopic(partitions, replicationFactor),
                Topics.RESPONSES.newTopic(partitions, replicationFactor),
                Topics.RESPONSES.newDlqTopic(partitions, replicationFactor),
                Topics.STAGES.newTopic(partitions, replicationFactor),
                Topics.STAGES.newDlqTopic(partitions, replicationFactor));
    }
}
