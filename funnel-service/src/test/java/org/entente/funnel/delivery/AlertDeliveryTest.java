package org.entente.funnel.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.events.EngagementRequested;
import org.entente.events.HandoffSlaBreached;
import org.entente.funnel.delivery.AlertDeliveryProperties.Route;
import org.entente.schemas.Topics;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.entente.support.topics.TopicsConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Alert delivery against real parts: a Kafka broker, an SMTP server (GreenMail) and an HTTP server standing in for
 * Slack's and Teams' incoming webhooks, all in this JVM. One partition, so alerts are handled in the order they are
 * published: each test ends by publishing a marker alert and waiting for it, after which nothing earlier can still
 * arrive, so "once" is checked without sleeping.
 */
@ExtendWith(OutputCaptureExtension.class)
@EmbeddedKafka(partitions = 1, topics = {"entente.funnel.alerts.v1", DeliveredLog.TOPIC})
class AlertDeliveryTest {

    private static final String MAILBOX = "revops@acme.example";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static HttpServer receiver;
    /** Bodies accepted (answered 2xx) per path. */
    private static final Map<String, List<String>> accepted = new ConcurrentHashMap<>();
    /** Requests received per path, accepted or not. */
    private static final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    /** How many more requests to a path are answered 503. */
    private static final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

    private final List<AlertDelivery> started = new ArrayList<>();

    @BeforeAll
    static void startReceiver() throws IOException {
        // Outside Spring, Logback would log everything Kafka's clients say at DEBUG.
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        ((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
        // GreenMail (the stand-in SMTP server, not the service) logs the mailboxes it creates.
        ((Logger) LoggerFactory.getLogger("com.icegreen")).setLevel(Level.WARN);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            AtomicInteger failures = failuresLeft.get(path);
            boolean fail = failures != null && failures.getAndDecrement() > 0;
            if (!fail) {
                accepted.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(body);
            }
            exchange.sendResponseHeaders(fail ? 503 : 200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @AfterEach
    void stopDeliveries() {
        started.forEach(AlertDelivery::stop);
    }

    @Test
    void anSlaBreachReachesSlackTeamsAndMailOnceEach(CapturedOutput output) throws Exception {
        String lead = "lead-" + UUID.randomUUID();
        start("group-once");

        publish(breach("acme", lead));
        // An engagement request of acme: its route asks for SLA breaches only.
        publish(engagement("acme", "other-" + lead));
        // A breach older than max-age (a day here): not paged about.
        publish(breach("acme", "old-" + lead), Instant.now().minus(Duration.ofDays(2)));
        awaitMarker();

        assertThat(bodiesFor("/hooks/secret-acme-slack", lead)).hasSize(1)
                .first().asString().contains("\"text\"").contains("Handoff SLA breached");
        assertThat(bodiesFor("/hooks/secret-acme-teams", lead)).hasSize(1)
                .first().asString().contains("AdaptiveCard");
        assertThat(mailsAbout(lead)).hasSize(1);
        assertThat(mailsAbout(lead).get(0).getAllRecipients()).extracting(Object::toString).containsExactly(MAILBOX);
        assertThat(bodiesFor("/hooks/secret-acme-slack", "other-" + lead)).isEmpty();
        assertThat(bodiesFor("/hooks/secret-acme-slack", "old-" + lead)).isEmpty();
        assertThat(mailsAbout("old-" + lead)).isEmpty();
        assertNothingSecretLogged(output);
    }

    @Test
    void aFailingReceiverIsRetriedUntilItAcceptsAndGetsTheAlertOnce(CapturedOutput output) throws Exception {
        String lead = "lead-" + UUID.randomUUID();
        failuresLeft.put("/hooks/secret-flaky-slack", new AtomicInteger(2));
        int before = received.getOrDefault("/hooks/secret-flaky-slack", new AtomicInteger()).get();
        start("group-retry");

        publish(breach("flaky", lead));
        awaitMarker();

        assertThat(received.get("/hooks/secret-flaky-slack").get() - before).isEqualTo(3);
        assertThat(bodiesFor("/hooks/secret-flaky-slack", lead)).hasSize(1);
        assertThat(output.getAll()).contains("routes[1].slack: HTTP 503");
        assertNothingSecretLogged(output);
    }

    @Test
    void aRestartDoesNotResendNotEvenWithAFreshConsumerGroup(CapturedOutput output) throws Exception {
        String lead = "lead-" + UUID.randomUUID();
        AlertDelivery first = start("group-restart");
        publish(breach("acme", lead));
        awaitMarker();
        assertThat(bodiesFor("/hooks/secret-acme-slack", lead)).hasSize(1);
        first.stop();

        // The same group (offsets committed), then a new one (reads the topic from its beginning): neither resends.
        start("group-restart");
        awaitMarker();
        started.get(started.size() - 1).stop();
        start("group-fresh-" + UUID.randomUUID());
        awaitMarker();

        assertThat(bodiesFor("/hooks/secret-acme-slack", lead)).hasSize(1);
        assertThat(bodiesFor("/hooks/secret-acme-teams", lead)).hasSize(1);
        assertThat(mailsAbout(lead)).hasSize(1);
        assertNothingSecretLogged(output);
    }

    @Test
    void isWiredBySpringFromEnvironmentStyleSettings(CapturedOutput output) throws Exception {
        String lead = "lead-" + UUID.randomUUID();
        String hooks = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/";
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class,
                        MailSenderAutoConfiguration.class, TopicsConfiguration.class))
                .withUserConfiguration(AlertDeliveryConfiguration.class)
                .withPropertyValues("spring.kafka.bootstrap-servers=" + broker().getBrokersAsString(),
                        "spring.mail.host=127.0.0.1", "spring.mail.port=" + SMTP.getSmtp().getPort(),
                        "entente.funnel.alerts.group=group-wired",
                        "entente.funnel.alerts.routes[0].organization=wired",
                        "entente.funnel.alerts.routes[0].kinds=handoff-sla-breached",
                        "entente.funnel.alerts.routes[0].slack-webhook=" + hooks + "secret-wired-slack",
                        "entente.funnel.alerts.routes[0].mail-to=" + MAILBOX)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(AlertDelivery.class);
                    publish(breach("wired", lead));
                    await().atMost(Duration.ofSeconds(60)).until(() -> !mailsAbout(lead).isEmpty()
                            && !bodiesFor("/hooks/secret-wired-slack", lead).isEmpty());
                });
        assertThat(mailsAbout(lead)).hasSize(1);
        assertNothingSecretLogged(output);
    }

    private AlertDelivery start(String group) {
        String hooks = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/";
        var properties = new AlertDeliveryProperties(List.of(
                new Route("acme", Set.of(AlertKind.HANDOFF_SLA_BREACHED), hooks + "secret-acme-slack",
                        hooks + "secret-acme-teams", List.of(MAILBOX)),
                new Route("flaky", null, hooks + "secret-flaky-slack", null, null),
                new Route("marker", null, hooks + "secret-marker-slack", null, null)),
                4, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofDays(1), group, "entente@acme.example");
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(SMTP.getSmtp().getPort());
        Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker().getBrokersAsString());
        AlertDelivery delivery = new AlertDelivery(properties, new ChannelSender(mail, properties.mailFrom()), kafka,
                kafka, () -> { });
        delivery.start();
        started.add(delivery);
        return delivery;
    }

    /** Publishes a marker alert and waits until every running delivery has passed it. */
    private void awaitMarker() {
        String marker = "marker-" + UUID.randomUUID();
        publish(engagement("marker", marker));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !bodiesFor("/hooks/secret-marker-slack", marker).isEmpty());
    }

    private static List<String> bodiesFor(String path, String lead) {
        return accepted.getOrDefault(path, List.of()).stream().filter(b -> b.contains(lead + " ")).toList();
    }

    private static List<MimeMessage> mailsAbout(String lead) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (message.getSubject().endsWith(lead)) {
                found.add(message);
            }
        }
        return found;
    }

    private static void assertNothingSecretLogged(CapturedOutput output) {
        assertThat(output.getAll()).contains("delivered alert")
                .doesNotContain("secret-").doesNotContain("/hooks/").doesNotContain(MAILBOX)
                .doesNotContain("127.0.0.1:" + receiver.getAddress().getPort());
    }

    private static HandoffSlaBreached breach(String organization, String lead) {
        Instant handedOff = Instant.now().minus(Duration.ofHours(25));
        return HandoffSlaBreached.newBuilder().setOrganization(organization).setLeadId(lead)
                .setHandedOffAt(handedOff).setHandedOffBy("marketing-ops").setSlaMillis(Duration.ofHours(24).toMillis())
                .setBreachedAt(handedOff.plus(Duration.ofHours(24))).build();
    }

    private static EngagementRequested engagement(String organization, String lead) {
        return EngagementRequested.newBuilder().setOrganization(organization).setLeadId(lead)
                .setRuleId("big-opportunity").setReason("Opportunity above $2,000,000.").setContactRole("brand-manager")
                .setTriggeredByEventId("event-" + lead).setRequestedAt(Instant.now()).build();
    }

    private static void publish(SpecificRecord alert) {
        publish(alert, Instant.now());
    }

    private static void publish(SpecificRecord alert, Instant timestamp) {
        Map<String, Object> config = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                broker().getBrokersAsString());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            byte[] value = Topics.FUNNEL_ALERTS.valueSerde().serializer().serialize(Topics.FUNNEL_ALERTS.name(), alert);
            producer.send(new ProducerRecord<>(Topics.FUNNEL_ALERTS.name(), null, timestamp.toEpochMilli(), "key",
                    value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish an alert", e);
        }
    }

    private static EmbeddedKafkaBroker broker() {
        return EmbeddedKafkaCondition.getBroker();
    }
}
