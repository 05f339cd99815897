package org.entente.scoring.config;

import org.entente.schemas.Topics;
import org.entente.support.topics.ServiceTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares every topic scoring reads or writes and the dead-letter topics it writes (service-support creates them
 * when absent). Their partition counts need not match: the topology brings both inputs onto its own repartition
 * topic (created by Kafka Streams).
 */
@Configuration(proxyBeanMethods = false)
public class TopicsConfig {

    @Bean
    ServiceTopics scoringTopics() {
        return ServiceTopics.of(Topics.ASSESSMENTS, Topics.RESPONSES, Topics.STAGES)
                .deadLettersOf(Topics.ASSESSMENTS, Topics.RESPONSES);
    }
}
