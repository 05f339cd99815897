package org.entente.funnel.config;

import org.entente.events.DirectoryContact;
import org.entente.events.RevenueTarget;
import org.entente.funnel.stream.CompactedTable;
import org.entente.funnel.stream.DirectoryBook;
import org.entente.funnel.stream.RevenueTargets;
import org.entente.schemas.Topic;
import org.entente.schemas.Topics;
import org.entente.support.topics.ServiceTopics;
import org.entente.support.topics.TopicCreation;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of what admins edit while the service runs: the revenue targets and the who-to-call directory, each a
 * compacted topic read whole by every instance ({@link CompactedTable}), created with the service's other topics.
 * The instance is ready ({@code editableSettings}) once it has read both.
 */
@Configuration(proxyBeanMethods = false)
public class EditableSettingsConfig {

    @Bean
    ServiceTopics editableSettingsTopics() {
        return ServiceTopics.of(Topics.FUNNEL_TARGETS, Topics.FUNNEL_DIRECTORY);
    }

    @Bean
    CompactedTable<RevenueTarget> revenueTargetTable(KafkaProperties kafka, TopicCreation topics) {
        return table(Topics.FUNNEL_TARGETS, "funnel-service-targets", kafka, topics);
    }

    @Bean
    CompactedTable<DirectoryContact> directoryTable(KafkaProperties kafka, TopicCreation topics) {
        return table(Topics.FUNNEL_DIRECTORY, "funnel-service-directory", kafka, topics);
    }

    @Bean
    RevenueTargets revenueTargets(CompactedTable<RevenueTarget> revenueTargetTable) {
        return new RevenueTargets(revenueTargetTable);
    }

    @Bean
    DirectoryBook directoryBook(CompactedTable<DirectoryContact> directoryTable) {
        return new DirectoryBook(directoryTable);
    }

    @Bean
    HealthIndicator editableSettingsHealthIndicator(CompactedTable<RevenueTarget> revenueTargetTable,
            CompactedTable<DirectoryContact> directoryTable) {
        return () -> {
            boolean read = revenueTargetTable.isCaughtUp() && directoryTable.isCaughtUp();
            return (read ? Health.up() : Health.down()).withDetail("state", read ? "READ" : "READING").build();
        };
    }

    private static <V> CompactedTable<V> table(Topic<V> topic, String clientId, KafkaProperties kafka,
            TopicCreation topics) {
        return new CompactedTable<>(topic, clientId, kafka.buildConsumerProperties(), kafka.buildProducerProperties(),
                topics::createMissing);
    }
}
