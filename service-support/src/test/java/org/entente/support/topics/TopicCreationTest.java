package org.entente.support.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Topic creation against a real broker: what is missing is made with the contract's settings; what exists is left. */
class TopicCreationTest {

    @Test
    void createsWhatIsMissingWithItsDeadLettersAndLeavesWhatExists() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
            admin.createTopics(List.of(Topics.STAGES.newTopic(1, (short) 1))).all().get();
            ServiceTopics declared = ServiceTopics.of(Topics.ASSESSMENTS, Topics.STAGES).deadLettersOf(Topics.STAGES)
                    .andInternal("entente.test.internal.v1", Map.of("cleanup.policy", "compact"));
            TopicCreation creation = new TopicCreation(Map.of("bootstrap.servers", broker.getBrokersAsString()),
                    declared.newTopics(2, (short) 1), Duration.ofSeconds(30));

            creation.createMissing();
            creation.createMissing(); // everything exists now: nothing to do, nothing to fail

            Map<String, TopicDescription> topics = admin.describeTopics(creation.topicNames()).allTopicNames().get();
            assertThat(topics.keySet()).containsExactlyInAnyOrder(Topics.ASSESSMENTS.name(),
                    Topics.STAGES.name(), Topics.STAGES.dlq(), "entente.test.internal.v1");
            assertThat(topics.get(Topics.ASSESSMENTS.name()).partitions()).hasSize(2);
            assertThat(topics.get(Topics.STAGES.name()).partitions()).as("existed before: left as it was").hasSize(1);
            ConfigResource assessments = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ASSESSMENTS.name());
            assertThat(admin.describeConfigs(List.of(assessments)).all().get().get(assessments)
                    .get("retention.ms").value()).isEqualTo("-1");
        } finally {
            broker.destroy();
        }
    }
}
