package org.entente.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.scoring.stream.BrokerHarness;
import org.entente.scoring.stream.ScoringScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The whole service against a real (embedded, KRaft) broker: the same scenarios as the topology test, plus the
 * score endpoint and health as a user of the service sees them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.kafka.streams.application-id=scoring-service-test",
        "entente.scoring.unknown-assessment-grace=3s",
        "entente.api-token=" + ScoringServiceKafkaTest.ADMIN_TOKEN})
@EmbeddedKafka(count = 1, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ScoringServiceKafkaTest {

    static final String ADMIN_TOKEN = "scoring-kafka-test-admin-token";

    @TempDir
    static Path stateDir;

    @DynamicPropertySource
    static void stateDir(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.streams.state-dir", () -> stateDir.toString());
    }

    static BrokerHarness harness;

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void connect(@Value("${spring.embedded.kafka.brokers}") String brokers) {
        harness = new BrokerHarness(brokers);
    }

    @AfterAll
    static void disconnect() {
        harness.close();
    }

    private ScoringScenarios scenarios() {
        return new ScoringScenarios(harness);
    }

    @Test
    void scoresOnceBothFunctionsReachTheThresholdAndServesTheScore() throws Exception {
        String id = scenarios().scoresOnlyOnceBothFunctionsReachTheThreshold();
        HttpResponse<String> response = get("/api/assessments/" + id + "/score");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asString()).isEqualTo("SCORED");
        assertThat(body.get("revision").asLong()).isEqualTo(1);
        assertThat(body.get("final").asBoolean()).isFalse();
        assertThat(body.get("stage").asString()).isEqualTo("ALIGNED");
        assertThat(body.get("score").asDouble()).isEqualTo((220.0 / 3 + 140.0 / 3) / 2);
        assertThat(body.get("sales").get("respondentCount").asInt()).isEqualTo(3);
        assertThat(body.get("marketing").get("meanTotal").asDouble()).isEqualTo(140.0 / 3);
        assertThat(body.get("statements")).hasSize(20);
        JsonNode firstStatement = body.get("statements").get(0);
        assertThat(firstStatement.get("salesMean").asDouble()).isEqualTo(11.0 / 3);
        assertThat(firstStatement.get("marketingMean").asDouble()).isEqualTo(7.0 / 3);
        assertThat(firstStatement.get("gap").asDouble()).isEqualTo(11.0 / 3 - 7.0 / 3);
        assertThat(body.get("nearBoundary").asBoolean()).isTrue();
        assertThat(body.has("waitingFor")).isFalse();
    }

    @Test
    void aRepeatedResponseIdCountsOnce() {
        scenarios().aRepeatedResponseIdCountsOnce();
    }

    @Test
    void aLaterResponseReplacesTheRespondentsEarlierOne() {
        scenarios().aLaterResponseReplacesTheRespondentsEarlierOne();
    }

    @Test
    void closingPublishesTheFinalRevision() {
        scenarios().closingPublishesTheFinalRevision();
    }

    @Test
    void changesSmallerThanTheThresholdWaitAndTheRemainderIsHeldBackAtTheClose() {
        scenarios().changesSmallerThanTheThresholdWaitAndTheRemainderIsHeldBackAtTheClose();
    }

    @Test
    void aNewcomersAnswersCannotBeRecomputedFromConsecutiveRevisions() {
        scenarios().aNewcomersAnswersCannotBeRecomputedFromConsecutiveRevisions();
    }

    @Test
    void badMessagesGoToTheDeadLettersAndNeverChangeAScore() {
        scenarios().badMessagesGoToTheDeadLettersAndNeverChangeAScore();
    }

    @Test
    void responsesAheadOfTheirOpeningWaitForIt() {
        scenarios().responsesAheadOfTheirOpeningWaitForIt();
    }

    @Test
    void aResponseSubmittedAfterTheClosingIsLeftOutOfTheFinalRevision() {
        scenarios().aResponseSubmittedAfterTheClosingIsLeftOutOfTheFinalRevision();
    }

    @Test
    void aResponseWrittenAsRawBytesByAnotherClientIsScored() {
        scenarios().aResponseWrittenAsRawBytesByAnotherClientIsScored();
    }

    @Test
    void belowTheThresholdTheEndpointSaysWhatItIsWaitingFor() throws Exception {
        String id = ScoringScenarios.newAssessmentId();
        harness.sendAssessmentEvent(id, ScoringScenarios.openedBytes(id, 3));
        harness.sendResponse(id, ScoringScenarios.responseBytes(id, "s1", BusinessFunction.SALES, Role.STAFF, 3));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> response = get("/api/assessments/" + id + "/score");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("status").asString()).isEqualTo("WAITING");
            assertThat(body.get("waitingFor").get("sales").asInt()).isEqualTo(2);
            assertThat(body.get("waitingFor").get("marketing").asInt()).isEqualTo(3);
            assertThat(body.get("message").asString())
                    .isEqualTo("waiting for 2 more responses from Sales and 3 more from Marketing");
            assertThat(body.has("score")).isFalse();
            assertThat(body.has("statements")).isFalse();
        });
    }

    @Test
    void anUnknownAssessmentIsNotFound() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> response = get("/api/assessments/never-opened/score");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("status").asInt()).isEqualTo(404);
            assertThat(body.get("title").asString()).isEqualTo("Not Found");
            assertThat(body.get("detail").asString()).contains("never-opened");
            assertThat(body.get("instance").asString()).isEqualTo("/api/assessments/never-opened/score");
        });
    }

    @Test
    void aBadRequestAnswersProblemJson() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/assessments/some-id/score")).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("title").asString()).isEqualTo("Method Not Allowed");
        assertThat(body.get("detail").asString()).contains("POST");
    }

    @Test
    void healthIsUpOnceScoringRuns() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> response = get("/actuator/health");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json.readTree(response.body()).get("status").asString()).isEqualTo("UP");
        });
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
