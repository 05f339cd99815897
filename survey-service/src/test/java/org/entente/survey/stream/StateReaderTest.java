package org.entente.survey.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.entente.schemas.SampleEvents;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The service may start before its topics exist (a fresh broker, or Kafka started after the service so the topics
 * could not be created at start-up): the state reader has them created with their contract settings, never with
 * the broker's defaults, and then follows them.
 */
class StateReaderTest {

    @Test
    void a_reader_on_a_fresh_broker_creates_its_topics_and_follows_them() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        String bootstrap = broker.getBrokersAsString();
        SurveyState state = new SurveyState();
        try (StateReader reader = new StateReader(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                state.handlers(), () -> createTopics(bootstrap))) {
            reader.start();
            await().atMost(Duration.ofSeconds(60)).until(reader::isCaughtUp);

            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
                    new ByteArraySerializer())) {
                SpecificRecord opened = SampleEvents.opened("late-start", 3);
                producer.send(new ProducerRecord<>(Topics.ASSESSMENTS.name(), "late-start",
                        Topics.ASSESSMENTS.valueSerde().serializer().serialize(Topics.ASSESSMENTS.name(), opened)))
                        .get();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> state.assessments().find("late-start").isPresent());
            assertThat(config(bootstrap, Topics.ASSESSMENTS.name(), "retention.ms")).isEqualTo("-1");
            assertThat(config(bootstrap, InvitationLog.TOPIC, "cleanup.policy")).isEqualTo("compact");
        } finally {
            broker.destroy();
        }
    }

    private static void createTopics(String bootstrap) {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(Topics.ASSESSMENTS.newTopic(1, (short) 1),
                    Topics.RESPONSES.newTopic(1, (short) 1), Topics.STAGES.newTopic(1, (short) 1),
                    InvitationLog.newTopic(1, (short) 1))).values().values().forEach(created -> {
                        try {
                            created.get();
                        } catch (ExecutionException e) {
                            if (!(e.getCause() instanceof TopicExistsException)) {
                                throw new IllegalStateException(e.getCause());
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
        }
    }

    private static String config(String bootstrap, String topic, String name) throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            ConfigEntry entry = admin.describeConfigs(List.of(resource)).all().get().get(resource).get(name);
            return entry.value();
        }
    }
}
