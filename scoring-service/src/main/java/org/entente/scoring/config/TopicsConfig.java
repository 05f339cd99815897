package org.entente.scoring.config;

import java.util.Map;
import org.apache.kafka.clients.admin.TopicDescription;
import org.entente.schemas.Topics;
import org.entente.support.topics.ServiceTopics;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares every topic scoring reads or writes (service-support creates them, with their dead-letter topics, when
 * absent) and checks their partitioning. The assessments and the
 * responses topics must have the same partition count: the topology relies on an assessment and its responses
 * landing in the same partition number.
 */
@Configuration(proxyBeanMethods = false)
public class TopicsConfig {

    /**
     * Refuses to run when the assessments and the responses topics (created elsewhere, perhaps) have different
     * partition counts: an assessment's responses would then be scored in a task that never saw it opened.
     */
    @Bean
    ApplicationRunner checkCoPartitioning(KafkaAdmin admin) {
        return args -> {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ASSESSMENTS.name(),
                    Topics.RESPONSES.name());
            int assessments = topics.get(Topics.ASSESSMENTS.name()).partitions().size();
            int responses = topics.get(Topics.RESPONSES.name()).partitions().size();
            if (assessments != responses) {
                throw new IllegalStateException(Topics.ASSESSMENTS.name() + " has " + assessments + " partitions but "
                        + Topics.RESPONSES.name() + " has " + responses + "; scoring needs both to have the same "
                        + "number, so that an assessment and its responses meet in one partition");
            }
        };
    }

    /** Every topic scoring reads or writes, and their dead-letter topics (created by service-support). */
    @Bean
    ServiceTopics scoringTopics() {
        return ServiceTopics.of(Topics.ASSESSMENTS, Topics.RESPONSES, Topics.STAGES);
    }
}
