package org.entente.support.topics;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates the service's declared {@link ServiceTopics} once every bean is made and before any lifecycle (Kafka
 * Streams, a topic reader) starts. A login that Kafka's authorizer refuses its own topics stops the start. When
 * Kafka is not there yet the service still starts, unless
 * {@code spring.kafka.admin.fail-fast} is set; {@link TopicCreation#createMissing()} can be called again later.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnBean(ServiceTopics.class)
public class TopicsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TopicsConfiguration.class);

    @Bean
    TopicCreation topicCreation(ObjectProvider<ServiceTopics> declared, KafkaAdmin admin,
            @Value("${entente.topics.partitions:3}") int partitions,
            @Value("${entente.topics.replication-factor:1}") short replicationFactor) {
        List<NewTopic> topics = declared.orderedStream()
                .flatMap(service -> service.newTopics(partitions, replicationFactor).stream()).toList();
        return new TopicCreation(admin.getConfigurationProperties(), topics,
                Duration.ofSeconds(admin.getOperationTimeout()));
    }

    @Bean
    SmartInitializingSingleton createTopicsAtStart(TopicCreation creation, KafkaProperties kafka) {
        return () -> {
            try {
                creation.createMissing();
            } catch (IllegalStateException e) {
                if (kafka.getAdmin().isFailFast() || TopicCreation.refusedByKafka(e)) {
                    throw e; // a refused login stops the start; the security module's failure analysis says why
                }
                log.error("could not make sure the topics exist: {}", e.getMessage());
            }
        };
    }
}
