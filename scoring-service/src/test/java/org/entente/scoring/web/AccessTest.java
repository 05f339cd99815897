package org.entente.scoring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.scoring.stream.BrokerHarness;
import org.entente.scoring.stream.ScoringScenarios;
import org.entente.testing.AdminOnlySweeps;
import org.entente.testing.EndpointSweep;
import org.entente.testing.OpenApiDocuments;
import org.entente.testing.EndpointSweep.Answer;
import org.entente.testing.EndpointSweep.Endpoint;
import org.entente.testing.JsonFields;
import org.entente.testing.TopicOffsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.entente.testing.TestJwts;

/**
 * Who may call what on scoring-service, swept over every endpoint the application itself maps: without credentials
 * or with bad ones nothing but the open paths answers (401), viewers and relaying instances read scores and nothing
 * else (403), an intake application reads nothing, and no refused request writes anything anywhere. Viewers hold
 * JWTs here (RS256, signed with a key made for the test), which also covers the resource-server path: an expired
 * token or one signed by another key is refused with a reason, an admin JWT reaches the admin-only endpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.kafka.streams.application-id=scoring-access-test",
        "entente.api-token=" + AccessTest.ADMIN_TOKEN,
        "entente.intake-token=" + AccessTest.INTAKE_TOKEN,
        "entente.peer-token=" + AccessTest.PEER_TOKEN})
@EmbeddedKafka(count = 1, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AccessTest {

    static final String ADMIN_TOKEN = "scoring-access-admin-token";
    static final String INTAKE_TOKEN = "scoring-access-intake-token";
    static final String PEER_TOKEN = "scoring-access-peer-token";

    /**
     * What answers without credentials: the health probe's status and the error page. Nothing of scoring's own. (A
     * POST to the error page with neither credentials nor a session's CSRF token is refused all the same.)
     */
    private static final Set<String> OPEN = Set.of("GET /actuator/health", "GET /error", "POST /error");
    /** What the matrix gives both viewer roles and relaying instances. */
    private static final Set<String> VIEWERS = Set.of("GET /api/assessments/{id}/score");

    private static final Path FOLDER = Path.of("target", "access-test");
    private static final TestJwts JWTS = new TestJwts(FOLDER);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.streams.state-dir", () -> FOLDER.resolve("state").toAbsolutePath().toString());
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", JWTS::publicKeyLocation);
    }

    static BrokerHarness harness;
    static String scoredId;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void scoreOneAssessment(@Value("${spring.embedded.kafka.brokers}") String brokers) {
        harness = new BrokerHarness(brokers);
        scoredId = ScoringScenarios.newAssessmentId();
        harness.sendAssessmentEvent(scoredId, ScoringScenarios.openedBytes(scoredId, 1));
        harness.sendResponse(scoredId, ScoringScenarios.responseBytes(scoredId, "s1", BusinessFunction.SALES,
                Role.HEAD, 4));
        harness.sendResponse(scoredId, ScoringScenarios.responseBytes(scoredId, "m1", BusinessFunction.MARKETING,
                Role.STAFF, 3));
        harness.stages(scoredId, stages -> !stages.isEmpty());
    }

    @AfterAll
    static void disconnect() {
        harness.close();
    }

    @Test
    void everyEndpointAnswersOnlyTheRolesTheMatrixGivesIt() throws Exception {
        List<Endpoint> endpoints = EndpointSweep.endpoints(context);
        assertThat(endpoints).extracting(Endpoint::toString).contains("GET /api/assessments/{id}/score",
                "GET /actuator/health", "GET /actuator/prometheus", "GET /actuator/info", "GET /v3/api-docs")
                .containsAll(OPEN);
        String base = "http://localhost:" + port;
        String scoreBefore = adminScore();
        Map<String, Long> offsetsBefore = TopicOffsets.settled(brokers, Duration.ofSeconds(60));

        List<Answer> refused = new AdminOnlySweeps(OPEN, VIEWERS, JWTS, ADMIN_TOKEN, INTAKE_TOKEN, PEER_TOKEN)
                .refusals(base, endpoints);
        assertThat(refused).as("the sweeps refused something").hasSizeGreaterThan(endpoints.size());

        assertThat(TopicOffsets.settled(brokers, Duration.ofSeconds(60))).as("refused requests wrote nothing to Kafka").isEqualTo(offsetsBefore);
        assertThat(adminScore()).as("refused requests changed no score").isEqualTo(scoreBefore);
    }

    @Test
    void jwtsAreCheckedAndCarryTheirRoles() throws Exception {
        HttpResponse<String> viewer = get("/api/assessments/" + scoredId + "/score",
                JWTS.token("sam", "sales-viewer"));
        assertThat(viewer.statusCode()).isEqualTo(200);
        assertThat(viewer.body()).contains("\"status\":\"SCORED\"");

        HttpResponse<String> admin = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/prometheus")).header("Authorization", "Bearer " + JWTS.token("ada", "admin")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("jvm_");
        assertThat(get("/actuator/prometheus", JWTS.token("sam", "sales-viewer")).statusCode()).isEqualTo(403);

        HttpResponse<String> expired = get("/api/assessments/" + scoredId + "/score",
                JWTS.expired("sam", "sales-viewer"));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
        assertThat(json.readTree(expired.body()).get("detail").asString()).contains("refused", "expired");

        HttpResponse<String> forged = get("/api/assessments/" + scoredId + "/score",
                TestJwts.signedByAnotherKey("sam", "sales-viewer"));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(json.readTree(forged.body()).get("detail").asString()).contains("refused");

        // "peer" is never taken from a token: only the configured peer token makes an instance
        assertThat(get("/actuator/prometheus", JWTS.token("mallory", "peer")).statusCode()).isEqualTo(403);
    }

    @Test
    void viewersSeeAggregatesOnly() throws Exception {
        for (String token : List.of(JWTS.token("sam", "sales-viewer"), JWTS.token("mia", "marketing-viewer"))) {
            HttpResponse<String> response = get("/api/assessments/" + scoredId + "/score", token);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("respondentCount").asInt()).isEqualTo(2);
            assertThat(JsonFields.names(body)).as("fields a viewer sees").isNotEmpty()
                    .doesNotContain("respondentId", "responseId", "answers");
            assertThat(response.body()).doesNotContain("s1", "m1");
        }
    }

    @Test
    void theOpenApiDocumentNamesTheScoreOperationAndAnswersEveryErrorWithTheProblemSchema() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", ADMIN_TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode docs = json.readTree(response.body());

        String score = "GET /api/assessments/{id}/score";
        assertThat(OpenApiDocuments.operationIds(docs)).isEqualTo(Map.of(score, "getScore"));
        assertThat(OpenApiDocuments.tags(docs)).isEqualTo(Map.of(score, List.of("scores")));
        assertThat(OpenApiDocuments.errorResponses(docs))
                .containsKeys(score + " 401", score + " 403", score + " 404", score + " 500", score + " 503")
                .allSatisfy((error, fault) -> assertThat(fault).as(error).isEmpty());
    }

    private String adminScore() throws Exception {
        HttpResponse<String> response = get("/api/assessments/" + scoredId + "/score", ADMIN_TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json").header("Authorization", "Bearer " + bearer).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
