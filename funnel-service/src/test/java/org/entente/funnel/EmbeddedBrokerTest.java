package org.entente.funnel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.events.FunnelEvent;
import org.entente.schemas.Topics;
import org.entente.testing.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a random port against a real Kafka broker running in the JVM. Every subclass shares this
 * one Spring context and broker (same annotations, same properties), so they must use their own organizations.
 *
 * <p>The service is secured as in a deployment: a static admin token ({@link #ADMIN}), an intake token for
 * applications that publish funnel events ({@link #INTAKE}), three people who sign in with the form (a Sales viewer,
 * a Marketing viewer and an admin), and JWTs signed with a key pair made for this test run ({@link #jwt}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.kafka.streams.properties.commit.interval.ms=100",
        "spring.kafka.streams.cleanup.on-shutdown=true",
        "entente.topics.partitions=2",
        "entente.funnel.organizations.quick.handoff-sla=1h",
        "entente.funnel.organizations.quick-stream.handoff-sla=1h",
        "entente.api-token=" + EmbeddedBrokerTest.ADMIN_TOKEN,
        "entente.intake-token=" + EmbeddedBrokerTest.INTAKE_TOKEN,
        "entente.users[0].name=" + EmbeddedBrokerTest.SALES_VIEWER,
        "entente.users[0].password=" + EmbeddedBrokerTest.PASSWORD,
        "entente.users[0].role=sales-viewer",
        "entente.users[1].name=" + EmbeddedBrokerTest.MARKETING_VIEWER,
        "entente.users[1].password=" + EmbeddedBrokerTest.PASSWORD,
        "entente.users[1].role=marketing-viewer",
        "entente.users[2].name=" + EmbeddedBrokerTest.ADMIN_USER,
        "entente.users[2].password=" + EmbeddedBrokerTest.PASSWORD,
        "entente.users[2].role=admin",
        "logging.level.org.apache.kafka=WARN"})
@EmbeddedKafka(partitions = 2, brokerProperties = {
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1",
        "group.initial.rebalance.delay.ms=0"})
public abstract class EmbeddedBrokerTest {

    protected static final String ADMIN_TOKEN = "funnel-test-admin-token";
    protected static final String INTAKE_TOKEN = "funnel-test-intake-token";
    protected static final String SALES_VIEWER = "sally.sales";
    protected static final String MARKETING_VIEWER = "mark.marketing";
    /** An admin who signs in with the form (the admin pages). */
    protected static final String ADMIN_USER = "ada.admin";
    protected static final String PASSWORD = "correct horse battery";
    /** The {@code Authorization} header of an admin program (the one-machine stack's static token). */
    protected static final String ADMIN = "Bearer " + ADMIN_TOKEN;
    /** The {@code Authorization} header of an application that publishes funnel events. */
    protected static final String INTAKE = "Bearer " + INTAKE_TOKEN;

    private static final Path STATE_DIR = createStateDir();
    private static final TestJwts JWTS = new TestJwts(STATE_DIR);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void stateDir(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.streams.state-dir", STATE_DIR::toString);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", JWTS::publicKeyLocation);
    }

    /** The {@code Authorization} header of a caller with a JWT for these roles, valid for {@code validFor}. */
    protected static String jwt(String subject, Duration validFor, String... roles) {
        return "Bearer " + JWTS.token(subject, validFor, roles);
    }

    private static Path createStateDir() {
        try {
            // Under target/, so a clean build removes what Kafka Streams' own clean-up on shutdown leaves.
            Path target = Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(target, "funnel-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the service reports UP: the topology runs and the live feed reads from the end of its topics. */
    protected void awaitReady() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> get("/actuator/health").statusCode() == 200);
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** GET as an admin program. */
    protected HttpResponse<String> get(String path) {
        return get(path, ADMIN);
    }

    /** GET with this {@code Authorization} header, or none when null. */
    protected HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** POSTs JSON as an application that publishes funnel events (the intake token). */
    protected HttpResponse<String> postJson(String path, String json) {
        return postJson(path, json, INTAKE);
    }

    /** POSTs JSON with this {@code Authorization} header, or none when null. */
    protected HttpResponse<String> postJson(String path, String json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Publishes raw single-object-encoded bytes straight onto the events topic, as a CRM would. */
    protected void publishDirectly(FunnelEvent event) {
        publishBytes(event.getLeadId(), Topics.FUNNEL_EVENTS.valueSerde().serializer()
                .serialize(Topics.FUNNEL_EVENTS.name(), event));
    }

    protected void publishBytes(String key, byte[] bytes) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.FUNNEL_EVENTS.name(), key, bytes)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to the embedded broker", e);
        }
    }
}
