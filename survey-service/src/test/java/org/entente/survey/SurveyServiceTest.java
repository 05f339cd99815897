package org.entente.survey;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.entente.schemas.Topic;
import org.entente.testing.TestJwts;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The harness of survey-service's component tests: the whole service on a random port against a real Kafka broker
 * running in the test JVM. Every test class extends this one so they all share one Spring context and one broker;
 * tests keep apart by opening their own assessments. Calls go as an admin (the static token) unless a test says
 * otherwise; responses are submitted with the intake token, as an application would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "entente.survey.close-check-interval-ms=200",
        "entente.api-token=" + SurveyServiceTest.ADMIN_TOKEN,
        "entente.intake-token=" + SurveyServiceTest.INTAKE_TOKEN,
        "entente.users[0].name=organizer", "entente.users[0].password=" + SurveyServiceTest.PASSWORD,
        "entente.users[0].role=admin",
        "entente.users[1].name=sales", "entente.users[1].password=" + SurveyServiceTest.PASSWORD,
        "entente.users[1].role=sales-viewer",
        "entente.users[2].name=marketing", "entente.users[2].password=" + SurveyServiceTest.PASSWORD,
        "entente.users[2].role=marketing-viewer",
        "entente.survey.label-key=" + SurveyServiceTest.LABEL_KEY,
        // Low enough for AccessTest to reach with a fresh link, well above what any other test spends on one link
        // (the access sweeps spend 3 per sweep on the link 'sample'). Every test calls from the same address.
        "entente.survey.rate-limit.per-link=" + SurveyServiceTest.PER_LINK_LIMIT,
        "entente.survey.rate-limit.per-address=100000"})
@EmbeddedKafka(partitions = 1)
public abstract class SurveyServiceTest {

    protected static final String ADMIN_TOKEN = "survey-test-admin-token";
    protected static final String INTAKE_TOKEN = "survey-test-intake-token";
    protected static final String PASSWORD = "survey-test-password";
    protected static final String LABEL_KEY = "Yy3f0q3Jm8b1k2cT9wq5Xn7rL0sVd4eH6uA8zP2gK1M=";
    protected static final int PER_LINK_LIMIT = 25;
    /** The {@code Authorization} header of an admin (the static token) and of an application submitting responses. */
    protected static final String ADMIN = "Bearer " + ADMIN_TOKEN;
    protected static final String INTAKE = "Bearer " + INTAKE_TOKEN;

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Signs JWTs the service trusts, the way a deployment trusts its identity provider. */
    protected static final TestJwts JWTS = new TestJwts(Path.of("target", "jwt-keys"));

    @DynamicPropertySource
    static void trustTestJwts(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", JWTS::publicKeyLocation);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected EmbeddedKafkaBroker broker;

    /** A reply: its status, its body as JSON (a missing node when the body is not JSON) and its content type. */
    protected record Reply(int status, JsonNode body, String text, String contentType) {
    }

    @BeforeEach
    void serviceIsHealthy() {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health").body().path("status")
                .asString("").equals("UP"));
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** GET as an admin. */
    protected Reply get(String path) throws Exception {
        return get(path, ADMIN);
    }

    /** GET with this {@code Authorization} header, or none when it is null. */
    protected Reply get(String path, String authorization) throws Exception {
        return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl() + path)), authorization).GET().build());
    }

    /** POST as an admin. */
    protected Reply post(String path, Object body) throws Exception {
        return post(path, body, ADMIN);
    }

    /** Submits a response as an application does: with the intake token. */
    protected Reply submit(Object response) throws Exception {
        return post("/api/responses", response, INTAKE);
    }

    protected Reply post(String path, Object body, String authorization) throws Exception {
        String json = body instanceof String text ? text : JSON.writeValueAsString(body);
        return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl() + path)), authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String authorization) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    protected Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException notJson) {
            body = MissingNode.getInstance();
        }
        return new Reply(response.statusCode(), body, response.body(),
                response.headers().firstValue("Content-Type").orElse(""));
    }

    /** Opens an assessment over HTTP and returns its id. */
    protected String openAssessment(String organization, Map<String, Object> extra) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("organization", organization,
                "title", "Round for " + organization, "anonymityThreshold", 3));
        body.putAll(extra);
        Reply reply = post("/api/assessments", body);
        if (reply.status() != 201) {
            throw new AssertionError("could not open an assessment: " + reply.text());
        }
        return reply.body().path("assessmentId").asString();
    }

    protected static List<Integer> answers(int value) {
        return Collections.nCopies(20, value);
    }

    /** Every record now on these topics, key and value as text (Avro's strings are readable in its bytes). */
    protected List<String> rawRecords(String... topics) {
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(),
                        p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record.topic() + " " + record.key() + " "
                            + (record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8)));
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return records;
    }

    /** Every record on a topic so far, decoded with the topic's serde, waiting until one matches {@code until}. */
    protected <V> List<V> readUntil(Topic<V> topic, Predicate<List<V>> until) {
        List<V> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
                }
                return until.test(seen);
            });
        }
        return seen;
    }
}
