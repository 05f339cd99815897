package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.entente.events.BusinessFunction;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.schemas.SampleEvents;
import org.entente.schemas.Topic;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's broker as {@code ./entente up} runs it, as a separate process on free ports: it formats its
 * folder, the stack creates the contract's topics with their settings, an event round-trips, a second stack from
 * the same home is refused, and {@code down}-style stopping ends the process and keeps the data for the next start.
 */
class KafkaBrokerProcessTest {

    @TempDir
    Path home;

    private final List<LocalStack> stacks = new ArrayList<>();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @AfterEach
    void stopStacks() {
        stacks.forEach(LocalStack::stop);
    }

    @Test
    void runsTheBrokerWithTheContractsTopicsAndStopsItLikeDown() throws Exception {
        LocalStack stack = bareStack(FreePorts.next(), FreePorts.next());
        stack.start();

        long brokerPid = stack.livePids().get(LocalStack.BROKER);
        assertThat(ProcessHandle.of(brokerPid)).isPresent();
        assertThat(Files.exists(stack.kafkaDataDir().resolve("meta.properties"))).isTrue();
        assertThat(stack.logFile(LocalStack.BROKER)).content().contains("Kafka Server started");
        assertThat(home.resolve("run").resolve("kafka.pid")).exists();

        try (Admin admin = admin(stack)) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (Topic<?> topic : Topics.ALL) {
                assertThat(names).contains(topic.name(), topic.dlq());
            }
            TopicDescription assessments = admin.describeTopics(List.of(Topics.ASSESSMENTS.name()))
                    .allTopicNames().get(30, TimeUnit.SECONDS).get(Topics.ASSESSMENTS.name());
            assertThat(assessments.partitions()).hasSize(3);
            assertThat(assessments.partitions().get(0).replicas()).hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ASSESSMENTS.name());
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
        }

        SurveyResponseSubmitted sent = SampleEvents.response("demo-1", "r-1", BusinessFunction.SALES, 4);
        produce(stack, sent);
        assertThat(consumeOne(stack)).isEqualTo(sent);

        assertThatThrownBy(() -> bareStack(FreePorts.next(), FreePorts.next()).start())
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("already running")
                .hasMessageContaining("pid " + brokerPid);

        PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);
        assertThat(LocalStack.stopRecorded(home, out)).containsExactly(LocalStack.BROKER);
        assertThat(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(home.resolve("run").resolve("kafka.pid")).doesNotExist();
        assertThat(LocalStack.stopRecorded(home, out)).isEmpty();

        // The data outlives the process: a new broker on the same folder still has the event.
        LocalStack again = bareStack(FreePorts.next(), FreePorts.next());
        again.start();
        assertThat(consumeOne(again)).isEqualTo(sent);
        again.stop();
        assertThat(again.livePids()).isEmpty();
    }

    @Test
    void aSaslBrokerLetsInOnlyClientsThatLogIn() throws Exception {
        // A password with everything a JAAS line must escape: it has to reach the broker unchanged.
        String awkward = "p\"a ss\\w;o=rd/*x*/' // end";
        StackSecrets secrets = StackSecrets.load(home, Map.of(StackSecrets.BROKER_PASSWORD, awkward));
        LocalStack stack = saslStack(secrets);
        stack.start();

        assertThat(Files.readString(home.resolve("kafka").resolve(ScramUsers.RECORD))).doesNotContain(awkward);
        try (Admin admin = Admin.create(stack.kafkaClientConfig())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(Topics.RESPONSES.name());
        }
        Map<String, Object> wrong = new java.util.HashMap<>(stack.kafkaClientConfig());
        wrong.put("sasl.jaas.config", org.entente.security.kafka.KafkaClientSecurity.jaasConfig("SCRAM-SHA-512",
                secrets.brokerLogin().name(), "not-the-password"));
        try (Admin admin = Admin.create(quick(wrong))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class)
                    .hasMessageContaining("Authentication failed");
        }
        try (Admin admin = Admin.create(quick(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers())))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(java.util.concurrent.ExecutionException.class);
        }
        assertThat(stack.logFile(LocalStack.BROKER)).content().doesNotContain(awkward)
                .doesNotContain(secrets.kafkaLogin(KafkaAccess.Principal.SURVEY).password());
        stack.stop();

        // The folder keeps the logins it was made with: other credentials are refused, with what to do.
        LocalStack other = saslStack(StackSecrets.generate());
        assertThatThrownBy(other::start).isInstanceOf(LocalStackException.class)
                .hasMessageContaining("another password for the Kafka login")
                .hasMessageContaining("delete " + home.resolve("kafka"));
        LocalStack same = saslStack(StackSecrets.load(home, Map.of(StackSecrets.BROKER_PASSWORD, awkward)));
        same.start();
        try (Admin admin = Admin.create(same.kafkaClientConfig())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(Topics.RESPONSES.name());
        }
    }

    private LocalStack saslStack(StackSecrets secrets) {
        LocalStack stack = TestStacks.brokerOnly(home, progress).secrets(secrets).saslKafka(true).build();
        stacks.add(stack);
        return stack;
    }

    private static Map<String, Object> quick(Map<String, Object> config) {
        Map<String, Object> quick = new java.util.HashMap<>(config);
        quick.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        quick.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return quick;
    }

    @Test
    void refusesAPortThatIsTaken() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            LocalStack stack = bareStack(taken.getLocalPort(), FreePorts.next());
            assertThatThrownBy(stack::start)
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("Kafka broker");
            assertThat(stack.livePids()).isEmpty();
        }
    }

    @Test
    void namesTheServiceAndItsLogWhenAServiceCannotStart(@TempDir Path repository) throws Exception {
        Path jar = repository.resolve("survey-service/target/survey-service.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not a jar");
        LocalStack stack = LocalStack.builder().repository(repository).home(home)
                .brokerPort(FreePorts.next()).controllerPort(FreePorts.next())
                .servicePort(Service.SURVEY, FreePorts.next())
                .services(EnumSet.of(Service.SURVEY))
                .startTimeout(Duration.ofMinutes(1))
                .out(new PrintStream(progress, true, StandardCharsets.UTF_8))
                .build();
        stacks.add(stack);

        assertThatThrownBy(stack::start)
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("survey-service failed to start")
                .hasMessageContaining(stack.logFile(Service.SURVEY).toString());
        assertThat(stack.livePids()).isEmpty();
        assertThat(new RunFolder(home.resolve("run")).entries()).isEmpty();
    }

    private LocalStack bareStack(int brokerPort, int controllerPort) {
        LocalStack stack = TestStacks.brokerOnly(home, progress).brokerPort(brokerPort).controllerPort(controllerPort)
                .build();
        stacks.add(stack);
        return stack;
    }

    private static Admin admin(LocalStack stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }

    private static void produce(LocalStack stack, SurveyResponseSubmitted event) throws Exception {
        try (KafkaProducer<String, SurveyResponseSubmitted> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                Topics.RESPONSES.keySerde().serializer(), Topics.RESPONSES.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.RESPONSES.name(), event.getAssessmentId(), event))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static SurveyResponseSubmitted consumeOne(LocalStack stack) {
        try (KafkaConsumer<String, SurveyResponseSubmitted> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "round-trip-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.RESPONSES.keySerde().deserializer(), Topics.RESPONSES.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.RESPONSES.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, SurveyResponseSubmitted> record : consumer.poll(Duration.ofMillis(500))) {
                    return record.value();
                }
            }
            throw new AssertionError("no event on " + Topics.RESPONSES.name() + " within 60 s");
        }
    }
}
