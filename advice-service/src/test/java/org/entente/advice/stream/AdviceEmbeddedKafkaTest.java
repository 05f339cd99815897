package org.entente.advice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.advice.AdviceServiceTest;
import org.entente.advice.ReportFixtures;
import org.entente.events.AdviceGenerated;
import org.entente.events.Recommendation;
import org.entente.events.Stage;
import org.entente.events.StageClassified;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The service against a real broker: events in, AdviceGenerated out, the same advice over HTTP. */
@AdviceServiceTest
class AdviceEmbeddedKafkaTest extends AdviceServiceTest.Support {

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void advisesAStageFromTheBrokerAndServesItOverHttp() throws Exception {
        String id = "emb-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.ASSESSMENTS.name(), id, Topics.ASSESSMENTS.valueSerde()
                    .serializer().serialize(Topics.ASSESSMENTS.name(), (SpecificRecord)
                            ReportFixtures.opened(id, "acme", "Q4 Sales-Marketing check",
                                    Instant.parse("2026-10-01T09:00:00Z"), AdviceTopologyTest.commoditizing())))).get();
            StageClassified stage = ReportFixtures.stage(id, 1, false, 0);
            producer.send(new ProducerRecord<>(Topics.STAGES.name(), id,
                    Topics.STAGES.valueSerde().serializer().serialize(Topics.STAGES.name(), stage))).get();
        }

        List<AdviceGenerated> published = new ArrayList<>();
        try (KafkaConsumer<String, AdviceGenerated> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.ADVICE.name()));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (id.equals(r.key())) {
                        published.add(r.value());
                    }
                });
                assertThat(published).isNotEmpty();
            });
        }
        AdviceGenerated advice = published.get(0);
        assertThat(advice.getRecommendation()).isEqualTo(Recommendation.MOVE_UP);
        assertThat(advice.getTargetStage()).isEqualTo(Stage.ALIGNED);
        assertThat(advice.getBasedOnRevision()).isEqualTo(1L);

        HttpResponse<String> response = get("/api/assessments/" + id + "/advice");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"assessmentId\":\"" + id + "\"")
                .contains("\"recommendation\":\"MOVE_UP\"").contains("\"targetStage\":\"ALIGNED\"")
                .contains("\"currentStage\":\"DEFINED\"").contains("\"transition\":\"DEFINED->ALIGNED\"")
                .contains("\"basedOnRevision\":1").contains("\"rationale\":[").contains("\"motivatedBy\":[")
                .contains("\"explanation\":").contains("\"owner\":").contains("\"priority\":1")
                .contains("\"focus\":[").contains("\"suggestion\":").containsPattern("\"generatedAt\":\"\\d{4}-");
        // Kept for people to read: what the API answers for a sample assessment.
        Files.writeString(Path.of("target", "advice-sample.json"), response.body());
    }

    @Test
    void anOpenedAssessmentWithoutAScoreShowsAWaitingReportButNoAdvice() throws Exception {
        String id = "waiting-" + UUID.randomUUID();
        ReportFixtures.publish(brokers, List.of(ReportFixtures.opened(id, "acme", "Still collecting",
                Instant.parse("2026-11-01T09:00:00Z"), AdviceTopologyTest.commoditizing())));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> page = get("/assessments/" + id);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Still collecting").contains("No score yet");
        });
        assertThat(get("/api/assessments/" + id + "/advice").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownAssessmentsAre404WithAProblemBody() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health").statusCode() == 200);

        HttpResponse<String> response = get("/api/assessments/nobody-knows/advice");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":404", "\"title\":\"Not Found\"",
                "\"instance\":\"/api/assessments/nobody-knows/advice\"").contains("nobody-knows");
    }

    @Test
    void aBadRequestIsAProblemBodyAndABrowserStillGetsAPage() throws Exception {
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/assessments/a1/advice")).header("Authorization", "Bearer "
                + AdviceServiceTest.Credentials.ADMIN_TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(wrongMethod.body()).contains("\"title\":\"Method Not Allowed\"", "DELETE");

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/no-such-page")).header("Authorization", "Bearer " + AdviceServiceTest.Credentials.ADMIN_TOKEN)
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
    }

    @Test
    void healthIsUpOnceKafkaStreamsRuns() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("RUNNING");
        });
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + AdviceServiceTest.Credentials.ADMIN_TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, AdviceGenerated> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "advice-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.ADVICE.keySerde().deserializer(), Topics.ADVICE.valueSerde().deserializer());
    }
}
