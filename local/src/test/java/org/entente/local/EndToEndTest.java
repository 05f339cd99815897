package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.events.AdviceGenerated;
import org.entente.events.Recommendation;
import org.entente.events.Stage;
import org.entente.events.StageClassified;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.EventSerde;
import org.entente.schemas.SchemaHistory;
import org.entente.schemas.Topic;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole suite as it runs on one machine: a KRaft broker from the Kafka jars and the four services from their
 * built jars, each its own process on free ports. An assessment is opened over HTTP; Sales and Marketing answer,
 * partly over HTTP and partly as another application would, straight onto the responses topic as raw
 * single-object bytes written from the kept {@code .avsc} alone; the stage and the advice must come out right on
 * their topics and over HTTP, and closing the assessment must produce the final revision. A poison message must
 * land in the dead-letter topic with its reason, and be counted in the service's metrics.
 */
class EndToEndTest {

    @TempDir
    static Path home;

    private static LocalStack stack;
    private static final ByteArrayOutputStream PROGRESS = new ByteArrayOutputStream();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startTheSuite() {
        LocalStack.Builder builder = LocalStack.builder()
                .repository(LocalStack.Builder.findRepository(Path.of("").toAbsolutePath()))
                .home(home)
                .brokerPort(FreePorts.next())
                .controllerPort(FreePorts.next())
                .services(EnumSet.allOf(Service.class))
                .startTimeout(Duration.ofMinutes(4))
                .out(new PrintStream(PROGRESS, true, StandardCharsets.UTF_8));
        for (Service service : Service.values()) {
            builder.servicePort(service, FreePorts.next());
        }
        stack = builder.build();
        stack.start();
    }

    @AfterAll
    static void stopTheSuite() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void anAssessmentAnsweredOverHttpAndKafkaIsClassifiedAndAdvised() throws Exception {
        String assessmentId = openAssessment();

        // Sales: three respondents rating every statement 3, a total of 60 each.
        for (int i = 1; i <= 3; i++) {
            submitOverHttp(assessmentId, "sales-" + i, "SALES", i == 1 ? "HEAD" : "STAFF", Collections.nCopies(20, 3));
        }
        // Marketing: totals of 40 and 60 over HTTP, and 50 from another application on the topic: a mean of 50.
        submitOverHttp(assessmentId, "marketing-1", "MARKETING", "HEAD", Collections.nCopies(20, 2));
        submitOverHttp(assessmentId, "marketing-2", "MARKETING", "STAFF", Collections.nCopies(20, 3));
        List<Integer> mixed = new ArrayList<>(Collections.nCopies(10, 2));
        mixed.addAll(Collections.nCopies(10, 3));
        publishRawFromAnotherApplication(assessmentId, "marketing-3", mixed);

        // Score: the mean of Sales (60) and Marketing (50) = 55, Defined; Sales sees it 10 points rosier.
        StageClassified classified = awaitEvent(Topics.STAGES, assessmentId,
                e -> e.getRespondentCount() == 6, Duration.ofMinutes(2));
        assertThat(classified.getStage()).isEqualTo(Stage.DEFINED);
        assertThat(classified.getScore()).isEqualTo(55.0);
        assertThat(classified.getSales().getMeanTotal()).isEqualTo(60.0);
        assertThat(classified.getMarketing().getMeanTotal()).isEqualTo(50.0);
        assertThat(classified.getPerceptionGap()).isEqualTo(10.0);
        assertThat(classified.getFinal$()).isFalse();

        // Advice: Defined in a commoditizing market moves up to Aligned, with the Aligned playbook.
        AdviceGenerated advice = awaitEvent(Topics.ADVICE, assessmentId,
                e -> e.getBasedOnRevision() == classified.getRevision(), Duration.ofMinutes(1));
        assertThat(advice.getCurrentStage()).isEqualTo(Stage.DEFINED);
        assertThat(advice.getRecommendation()).isEqualTo(Recommendation.MOVE_UP);
        assertThat(advice.getTargetStage()).isEqualTo(Stage.ALIGNED);
        assertThat(advice.getActions()).extracting(a -> a.getId()).containsExactlyInAnyOrder(
                "disciplined-communication", "joint-assignments", "marketing-liaison", "colocation", "sales-feedback");

        String score = get(Service.SCORING, "/api/assessments/" + assessmentId + "/score", 200);
        assertThat(score).contains("\"stage\":\"DEFINED\"").contains("\"score\":55.0");
        String adviceJson = get(Service.ADVICE, "/api/assessments/" + assessmentId + "/advice", 200);
        assertThat(adviceJson).contains("\"recommendation\":\"MOVE_UP\"").contains("\"targetStage\":\"ALIGNED\"");
        assertThat(get(Service.ADVICE, "/assessments/" + assessmentId, 200)).contains("Defined");

        // Closing publishes the final revision with the same score.
        post(Service.SURVEY, "/api/assessments/" + assessmentId + "/close", "{}", 200);
        StageClassified last = awaitEvent(Topics.STAGES, assessmentId, StageClassified::getFinal$,
                Duration.ofMinutes(1));
        assertThat(last.getScore()).isEqualTo(55.0);
        assertThat(last.getRevision()).isGreaterThan(classified.getRevision());
    }

    @Test
    void anUnknownAssessmentIsNotFoundAndAMalformedResponseIsRefused() throws Exception {
        get(Service.SCORING, "/api/assessments/no-such-assessment/score", 404);
        get(Service.ADVICE, "/api/assessments/no-such-assessment/advice", 404);
        String refused = post(Service.SURVEY, "/api/responses", """
                {"assessmentId":"%s","respondentId":"r-1","function":"SALES","role":"STAFF","answers":[1,2,3]}
                """.formatted(openAssessment()), 400);
        assertThat(refused).contains("answers");
    }

    @Test
    void aPoisonMessageIsDeadLetteredWithItsReasonAndCounted() throws Exception {
        String assessmentId = openAssessment();
        byte[] poison = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        publish(Topics.RESPONSES.name(), assessmentId, poison);

        ConsumerRecord<String, byte[]> dead = awaitRecord(Topics.RESPONSES.dlq(), new ByteArrayDeserializer(),
                assessmentId, bytes -> true, Duration.ofMinutes(1));
        assertThat(dead.value()).isEqualTo(poison);
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.REASON_CODE)).isEqualTo("NOT_SINGLE_OBJECT");
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.RESPONSES.name());
        assertThat(get(Service.SCORING, "/actuator/prometheus", 200))
                .containsPattern("entente_dead_letters_total\\{[^}]*reason=\"NOT_SINGLE_OBJECT\"[^}]*} [1-9]");
    }

    private static String openAssessment() throws Exception {
        String body = post(Service.SURVEY, "/api/assessments", """
                {"organization":"acme","title":"End-to-end check","anonymityThreshold":3,
                 "context":{"marketCommoditizing":true}}
                """, 201);
        Matcher id = Pattern.compile("\"assessmentId\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        assertThat(id.find()).as("assessmentId in %s", body).isTrue();
        return id.group(1);
    }

    private static void submitOverHttp(String assessmentId, String respondentId, String function, String role,
            List<Integer> answers) throws Exception {
        post(Service.SURVEY, "/api/responses", """
                {"assessmentId":"%s","respondentId":"%s","function":"%s","role":"%s","answers":%s}
                """.formatted(assessmentId, respondentId, function, role, answers), 202);
    }

    /**
     * What a non-Java client does: take the newest kept schema of SurveyResponseSubmitted as plain JSON, write a
     * generic record with it, and prefix the single-object header by hand.
     */
    private static void publishRawFromAnotherApplication(String assessmentId, String respondentId,
            List<Integer> answers) throws IOException {
        List<Schema> versions = SchemaHistory.kept().versions(org.entente.events.SurveyResponseSubmitted.class);
        Schema schema;
        try (InputStream in = EndToEndTest.class.getClassLoader().getResourceAsStream(
                "org/entente/schemas/history/SurveyResponseSubmitted/v" + versions.size() + ".avsc")) {
            schema = new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        GenericRecord response = new GenericData.Record(schema);
        response.put("responseId", UUID.randomUUID().toString());
        response.put("assessmentId", assessmentId);
        response.put("respondentId", respondentId);
        response.put("function", new GenericData.EnumSymbol(schema.getField("function").schema(), "MARKETING"));
        response.put("role", new GenericData.EnumSymbol(schema.getField("role").schema(), "STAFF"));
        response.put("instrumentVersion", "1");
        response.put("answers", answers);
        response.put("submittedAt", Instant.now().toEpochMilli());
        response.put("source", "hr-pulse");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(EventSerde.header(SchemaHistory.fingerprint(schema)));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(schema).write(response, encoder);
        encoder.flush();

        publish(Topics.RESPONSES.name(), assessmentId, bytes.toByteArray());
    }

    private static void publish(String topic, String key, byte[] value) throws IOException {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IOException("could not publish to " + topic, e);
        }
    }

    /** Reads the topic from the start until an event for this key matches, or fails after the timeout. */
    private static <V extends SpecificRecord> V awaitEvent(Topic<V> topic, String key, Predicate<V> wanted,
            Duration timeout) {
        return awaitRecord(topic.name(), topic.valueSerde().deserializer(), key, wanted, timeout).value();
    }

    /** Reads a topic from the start until a record for this key matches, or fails after the timeout. */
    private static <V> ConsumerRecord<String, V> awaitRecord(String topic, Deserializer<V> values, String key,
            Predicate<V> wanted, Duration timeout) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "end-to-end-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<V> seen = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        seen.add(record.value());
                        if (wanted.test(record.value())) {
                            return record;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " for " + key + " within " + timeout
                + "; saw " + seen);
    }

    private static String get(Service service, String path, int expectedStatus) throws Exception {
        return send(HttpRequest.newBuilder(stack.url(service).resolve(path)).GET(), expectedStatus);
    }

    private static String post(Service service, String path, String json, int expectedStatus) throws Exception {
        return send(HttpRequest.newBuilder(stack.url(service).resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), expectedStatus);
    }

    private static String send(HttpRequest.Builder request, int expectedStatus) throws Exception {
        HttpRequest built = request.header("Accept", "*/*").timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s answered %s", built.method(), built.uri(), response.body())
                .isEqualTo(expectedStatus);
        return response.body();
    }
}
