package org.entente.advice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.entente.advice.AdviceServiceTest;
import org.entente.advice.AdviceServiceTest.Credentials;
import org.entente.advice.ReportFixtures;
import org.entente.events.AlignmentContext;
import org.entente.testing.AdminOnlySweeps;
import org.entente.testing.EndpointSweep;
import org.entente.testing.OpenApiDocuments;
import org.entente.testing.EndpointSweep.Answer;
import org.entente.testing.EndpointSweep.Endpoint;
import org.entente.testing.JsonFields;
import org.entente.testing.TopicOffsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Who may call what on advice-service, swept over every endpoint the application itself maps: without credentials
 * or with bad ones nothing but the open paths answers (401), viewers and relaying instances read the reports and the
 * advice and nothing else (403), an intake application reads nothing, and no refused request writes anything to
 * Kafka or changes any advice. Viewers are swept with JWTs (programs); the browser test covers the form sign-in.
 */
@AdviceServiceTest
class AccessTest extends AdviceServiceTest.Support {

    /** What answers without credentials: the health probe's status and the error page. Nothing of advice's own. */
    private static final Set<String> OPEN = Set.of("GET /actuator/health", "GET /error", "POST /error");
    /** What the matrix gives both viewer roles and relaying instances: the reports, the advice and the lists. */
    private static final Set<String> VIEWERS = Set.of("GET /", "GET /assessments/{id}",
            "GET /api/assessments/{id}/advice", "GET /api/assessments",
            "GET /api/organizations/{organization}/history");

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyEndpointAnswersOnlyTheRolesTheMatrixGivesIt() throws Exception {
        String id = adviseOne("access");
        List<Endpoint> endpoints = EndpointSweep.endpoints(context);
        assertThat(endpoints).extracting(Endpoint::toString).containsAll(VIEWERS).containsAll(OPEN)
                .contains("GET /actuator/prometheus", "GET /actuator/info", "GET /v3/api-docs");
        String base = "http://127.0.0.1:" + port;
        String adviceBefore = get("/api/assessments/" + id + "/advice", "Bearer " + Credentials.ADMIN_TOKEN).body();
        Map<String, Long> offsetsBefore = TopicOffsets.settled(brokers, Duration.ofSeconds(60));

        List<Answer> refused = new AdminOnlySweeps(OPEN, VIEWERS, JWTS, Credentials.ADMIN_TOKEN,
                Credentials.INTAKE_TOKEN, Credentials.PEER_TOKEN).refusals(base, endpoints);
        assertThat(refused).as("the sweeps refused something").hasSizeGreaterThan(endpoints.size());

        assertThat(TopicOffsets.settled(brokers, Duration.ofSeconds(60))).as("refused requests wrote nothing to Kafka").isEqualTo(offsetsBefore);
        assertThat(get("/api/assessments/" + id + "/advice", "Bearer " + Credentials.ADMIN_TOKEN).body())
                .as("refused requests changed no advice").isEqualTo(adviceBefore);
    }

    @Test
    void viewersSeeAggregatesOnly() throws Exception {
        String id = adviseOne("aggregates");
        for (String token : List.of(JWTS.token("sam", "sales-viewer"), JWTS.token("mia", "marketing-viewer"))) {
            HttpResponse<String> advice = get("/api/assessments/" + id + "/advice", "Bearer " + token);
            assertThat(advice.statusCode()).isEqualTo(200);
            List<String> fields = JsonFields.names(json.readTree(advice.body()));
            assertThat(fields).contains("assessmentId", "recommendation")
                    .doesNotContain("respondentId", "responseId", "answers");
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/assessments/" + id)).header("Accept", "text/html").header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Access check").doesNotContain("respondentId", "responseId");
        }
    }

    @Test
    void aBrowserNotSignedInIsSentToTheSignInPageAndAProgramGetsA401() throws Exception {
        String report = "http://127.0.0.1:" + port + "/assessments/anything";
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(report))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        HttpResponse<String> program = get("/api/assessments/anything/advice", null);
        assertThat(program.statusCode()).isEqualTo(401);
        assertThat(program.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(program.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(json.readTree(program.body()).get("title").asString()).isEqualTo("Unauthorized");
    }

    @Test
    void theOpenApiDocumentNamesEachOperationAndAnswersEveryErrorWithTheProblemSchema() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", "Bearer " + Credentials.ADMIN_TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode docs = json.readTree(response.body());

        String advice = "GET /api/assessments/{id}/advice";
        assertThat(OpenApiDocuments.operationIds(docs)).isEqualTo(Map.of(advice, "getAdvice",
                "GET /api/assessments", "listAdvisedAssessments",
                "GET /api/organizations/{organization}/history", "getAdviceHistory"));
        assertThat(OpenApiDocuments.tags(docs)).isEqualTo(Map.of(advice, List.of("advice"),
                "GET /api/assessments", List.of("assessments"),
                "GET /api/organizations/{organization}/history", List.of("organizations")));
        assertThat(OpenApiDocuments.errorResponses(docs))
                .containsKeys(advice + " 401", advice + " 403", advice + " 404", advice + " 500", advice + " 503")
                .allSatisfy((error, fault) -> assertThat(fault).as(error).isEmpty());
    }

    private String adviseOne(String prefix) throws Exception {
        String id = prefix + "-" + UUID.randomUUID();
        ReportFixtures.publish(brokers, List.of(
                ReportFixtures.opened(id, "access-" + UUID.randomUUID(), "Access check",
                        Instant.parse("2026-08-01T09:00:00Z"), AlignmentContext.newBuilder().build()),
                ReportFixtures.stage(id, 1, false, 0)));
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/assessments/" + id + "/advice",
                "Bearer " + Credentials.ADMIN_TOKEN).statusCode() == 200);
        return id;
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
