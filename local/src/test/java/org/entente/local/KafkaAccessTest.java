package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.local.KafkaAccess.Principal;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local broker as {@code ./entente up} starts it, authorizing: the integration login may publish responses and
 * funnel events and read the public outbound topics, and is refused the stages topic for writing and every internal
 * topic (survey-service's invitations, a Kafka Streams changelog) and any other consumer group for reading; a
 * service's login is held to its own topics; and a restart makes the broker's logins and ACLs exactly the table's
 * again. (That each service works with its grants alone is {@link EndToEndTest}'s job: it runs the suite so.)
 */
class KafkaAccessTest {

    private static final String WRITTEN = "an event";
    private static final String CHANGELOG = KafkaAccess.SCORING_APPLICATION + "-ledgers-changelog";

    @TempDir
    Path home;

    private final List<LocalStack> stacks = new ArrayList<>();

    @AfterEach
    void stopStacks() {
        stacks.forEach(LocalStack::stop);
    }

    @Test
    void eachLoginMayDoItsJobAndNothingMore() throws Exception {
        StackSecrets secrets = StackSecrets.load(home, Map.of());
        LocalStack stack = start(secrets);
        try (Admin admin = Admin.create(stack.kafkaClientConfig())) {
            assertThat(new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)))
                    .isEqualTo(new HashSet<>(KafkaAccess.all()));
            admin.createTopics(List.of(new NewTopic(KafkaAccess.SURVEY_INVITATIONS, 3, (short) 1),
                    new NewTopic(CHANGELOG, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> integration = stack.kafkaClientConfig(Principal.INTEGRATION);

        // Allowed: the two inbound topics; the stages topic, read in a group of its own prefix.
        send(integration, Topics.RESPONSES.name());
        send(integration, Topics.FUNNEL_EVENTS.name());
        send(stack.kafkaClientConfig(Principal.SCORING), Topics.STAGES.name());
        assertThat(readInGroup(integration, Topics.STAGES.name(), KafkaAccess.INTEGRATION_GROUP_PREFIX + "crm"))
                .isEqualTo(WRITTEN);

        // Refused: forging a stage or advice, reading the internal topics, another application's group.
        for (String topic : List.of(Topics.STAGES.name(), Topics.ADVICE.name(), Topics.ASSESSMENTS.name())) {
            assertThatThrownBy(() -> send(integration, topic)).as("writing %s", topic)
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
        for (String topic : List.of(KafkaAccess.SURVEY_INVITATIONS, CHANGELOG, Topics.RESPONSES.name(),
                Topics.RESPONSES.dlq())) {
            assertThatThrownBy(() -> readWithoutGroup(integration, topic)).as("reading %s", topic)
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        assertThatThrownBy(() -> readInGroup(integration, Topics.STAGES.name(), KafkaAccess.SCORING_APPLICATION))
                .isInstanceOf(GroupAuthorizationException.class);

        // A service's login is held to its job too: scoring cannot publish responses, nor read the invitations.
        Map<String, Object> scoring = stack.kafkaClientConfig(Principal.SCORING);
        assertThatThrownBy(() -> send(scoring, Topics.RESPONSES.name()))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> readWithoutGroup(scoring, KafkaAccess.SURVEY_INVITATIONS))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(readWithoutGroup(stack.kafkaClientConfig(Principal.SURVEY), Topics.STAGES.name()))
                .isEqualTo(WRITTEN);
    }

    @Test
    void aRestartMakesTheLoginsAndGrantsExactlyTheTablesAgain() throws Exception {
        StackSecrets secrets = StackSecrets.load(home, Map.of());
        LocalStack first = start(secrets);
        AclBinding extra = new AclBinding(new ResourcePattern(ResourceType.TOPIC, Topics.STAGES.name(),
                PatternType.LITERAL), new AccessControlEntry("User:" + Principal.INTEGRATION.user(), "*",
                AclOperation.WRITE, AclPermissionType.ALLOW));
        try (Admin admin = Admin.create(first.kafkaClientConfig())) {
            admin.createAcls(List.of(extra)).all().get(30, TimeUnit.SECONDS);
        }
        // The grant reaches the broker's authorizer through the metadata log, a moment after it is made.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                send(first.kafkaClientConfig(Principal.INTEGRATION), Topics.STAGES.name());
                break;
            } catch (Exception e) {
                assertThat(System.nanoTime()).as("the extra grant takes effect: %s", e).isLessThan(deadline);
                Thread.sleep(200);
            }
        }
        first.stop();

        LocalStack again = start(StackSecrets.load(home, Map.of()));
        try (Admin admin = Admin.create(again.kafkaClientConfig())) {
            assertThat(new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)))
                    .isEqualTo(new HashSet<>(KafkaAccess.all()));
        }
        assertThatThrownBy(() -> send(again.kafkaClientConfig(Principal.INTEGRATION), Topics.STAGES.name()))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    private LocalStack start(StackSecrets secrets) {
        LocalStack stack = TestStacks.brokerOnly(home, new ByteArrayOutputStream()).secrets(secrets).saslKafka(true)
                .build();
        stacks.add(stack);
        stack.start();
        return stack;
    }

    private static void send(Map<String, Object> login, String topic) throws Exception {
        Map<String, Object> config = quick(login);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", WRITTEN)).get(30, TimeUnit.SECONDS);
        }
    }

    private static String readInGroup(Map<String, Object> login, String topic, String group) {
        Map<String, Object> config = quick(login);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            return firstValue(consumer);
        }
    }

    private static String readWithoutGroup(Map<String, Object> login, String topic) {
        Map<String, Object> config = quick(login);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return firstValue(consumer);
        }
    }

    private static String firstValue(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                return record.value();
            }
        }
        throw new AssertionError("nothing read within 30 s");
    }

    private static Map<String, Object> quick(Map<String, Object> login) {
        Map<String, Object> config = new HashMap<>(login);
        config.put("request.timeout.ms", 5000);
        config.put("default.api.timeout.ms", 10000);
        return config;
    }
}
