package org.entente.funnel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.entente.funnel.EmbeddedBrokerTest;
import org.entente.testing.EndpointSweep;
import org.entente.testing.EndpointSweep.Answer;
import org.entente.testing.EndpointSweep.Endpoint;
import org.entente.testing.FormSignIn;
import org.entente.testing.OpenApiDocuments;
import org.entente.testing.TopicOffsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what in funnel-service, swept over every endpoint the application itself maps (controllers, Actuator),
 * so an endpoint added later is checked without anyone listing it here. What this test does name by hand is the
 * decision: which endpoints answer without credentials, which the viewers may read, and which the intake token may
 * call.
 */
class AccessTest extends EmbeddedBrokerTest {

    /**
     * Ask for no credentials: the health probe (status only) and the error page, shared by every service. (A POST to
     * the error page without a session still meets the CSRF check, which refuses it with 403.)
     */
    private static final Set<String> OPEN = Set.of("GET /actuator/health", "GET /error", "POST /error");
    /** The board, its figures and its live stream: for both viewer roles. */
    private static final Set<String> FOR_VIEWERS = Set.of("GET /", "GET /api/funnel/metrics",
            "GET /api/funnel/handoffs", "GET /api/funnel/stream");
    /** Event intake: for applications holding the intake token. */
    private static final Set<String> FOR_INTAKE = Set.of("POST /api/funnel/events");
    /**
     * What admins edit while the service runs, the revenue targets and the who-to-call directory, through the API
     * and the admin pages: for admins only, like everything not named above.
     */
    private static final Set<String> FOR_ADMINS = Set.of("GET /api/funnel/targets",
            "GET /api/funnel/targets/{organization}/{period}", "PUT /api/funnel/targets/{organization}/{period}",
            "DELETE /api/funnel/targets/{organization}/{period}", "GET /api/funnel/directory",
            "PUT /api/funnel/directory/{organization}/{role}", "DELETE /api/funnel/directory/{organization}/{role}",
            "GET /admin/targets", "POST /admin/targets", "POST /admin/targets/remove", "GET /admin/directory",
            "POST /admin/directory", "POST /admin/directory/remove");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACCESSCO_EVENT = """
            {"eventId":"access-1","organization":"accessco","leadId":"L-A1","type":"STAGE_ENTERED",
             "step":"BRAND_AWARENESS","team":"MARKETING","actor":"marketing-automation"}""";

    @Autowired
    private ApplicationContext context;

    private List<Endpoint> endpoints;

    @BeforeEach
    void listEndpoints() {
        awaitReady();
        endpoints = EndpointSweep.endpoints(context);
    }

    private List<Answer> sweep(String authorization) {
        return EndpointSweep.sweep(url(""), endpoints, authorization);
    }

    private static String key(Answer answer) {
        return answer.endpoint().method() + " " + answer.endpoint().pattern();
    }

    private static JsonNode body(Answer answer) {
        return JSON.readTree(answer.body());
    }

    @Test
    void theEndpointListComesFromTheApplicationAndHoldsTheOnesWeKnow() {
        assertThat(endpoints).isNotEmpty();
        assertThat(endpoints).extracting(e -> e.method() + " " + e.pattern()).contains("GET /",
                "POST /api/funnel/events", "GET /api/funnel/metrics", "GET /api/funnel/handoffs",
                "GET /api/funnel/stream", "GET /actuator/health", "GET /actuator/info", "GET /actuator/prometheus")
                .containsAll(OPEN).containsAll(FOR_ADMINS);
    }

    @Test
    void theOpenApiDocumentNamesEachOperationAndAnswersEveryErrorWithTheProblemSchema() {
        HttpResponse<String> response = get("/v3/api-docs", ADMIN);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode docs = JSON.readTree(response.body());

        String intake = "POST /api/funnel/events";
        String target = "/api/funnel/targets/{organization}/{period}";
        String contact = "/api/funnel/directory/{organization}/{role}";
        assertThat(OpenApiDocuments.operationIds(docs)).isEqualTo(Map.ofEntries(Map.entry(intake, "submitFunnelEvent"),
                Map.entry("GET /api/funnel/metrics", "getFunnelMetrics"),
                Map.entry("GET /api/funnel/handoffs", "listHandoffs"),
                Map.entry("GET /api/funnel/stream", "streamFunnel"),
                Map.entry("GET /api/funnel/targets", "listRevenueTargets"),
                Map.entry("GET " + target, "getRevenueTarget"), Map.entry("PUT " + target, "setRevenueTarget"),
                Map.entry("DELETE " + target, "removeRevenueTarget"),
                Map.entry("GET /api/funnel/directory", "listDirectory"),
                Map.entry("PUT " + contact, "setDirectoryContact"),
                Map.entry("DELETE " + contact, "removeDirectoryContact")));
        assertThat(OpenApiDocuments.tags(docs)).containsAllEntriesOf(Map.of(intake, List.of("funnel-events"),
                "GET /api/funnel/metrics", List.of("funnel-metrics"), "GET /api/funnel/handoffs", List.of("handoffs"),
                "GET /api/funnel/stream", List.of("funnel-stream"), "PUT " + target, List.of("revenue-targets"),
                "PUT " + contact, List.of("directory")));
        assertThat(docs.at("/paths/~1api~1funnel~1events/post/requestBody/content/application~1json/schema/$ref")
                .asString("")).as("the intake's request body").isNotEmpty();
        assertThat(docs.at("/paths/~1api~1funnel~1events/post/responses/202").isMissingNode()).isFalse();
        assertThat(OpenApiDocuments.errorResponses(docs))
                .containsKeys(intake + " 400", intake + " 401", intake + " 403", intake + " 500", intake + " 503")
                .allSatisfy((error, fault) -> assertThat(fault).as(error).isEmpty());
    }

    @Test
    void withoutCredentialsOnlyTheOpenEndpointsAnswer() {
        for (Answer answer : sweep(null)) {
            if (OPEN.contains(key(answer))) {
                assertThat(answer.status()).as(answer.toString()).isNotEqualTo(401);
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
                assertThat(body(answer).get("status").asInt()).as(answer.toString()).isEqualTo(401);
                assertThat(body(answer).get("detail").asString()).as(answer.toString())
                        .contains("this needs credentials");
            }
        }
    }

    @Test
    void theProbesAnswerWithoutCredentialsButShowTheirDetailsOnlyToAdmins() {
        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            var anonymous = get(probe, null);
            assertThat(anonymous.statusCode()).as(probe).isEqualTo(200);
            assertThat(JSON.readTree(anonymous.body()).get("status").asString()).isEqualTo("UP");
            assertThat(anonymous.body()).as(probe).doesNotContain("components").doesNotContain("RUNNING");
        }
        String viewer = jwt("sally.sales", Duration.ofMinutes(10), "sales-viewer");
        assertThat(get("/actuator/health", viewer).body()).doesNotContain("components");
        assertThat(get("/actuator/health", ADMIN).body()).contains("\"kafkaStreams\"", "\"liveFeed\"", "RUNNING");
    }

    @Test
    void aProgramPostingAnEventWithoutCredentialsHearsItNeedsSome() {
        var response = postJson("/api/funnel/events", ACCESSCO_EVENT, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("Authorization: Bearer");
    }

    @Test
    void aWrongOrExpiredTokenIsRefusedEverywhere() {
        String expiredAdmin = jwt("someone", Duration.ofHours(-1), "admin");
        for (String authorization : List.of("Bearer not-a-token-this-service-knows", "Bearer " + ADMIN_TOKEN + "x",
                expiredAdmin)) {
            for (Answer answer : sweep(authorization)) {
                if (OPEN.contains(key(answer))) {
                    continue; // answers whatever the caller presents, as the probes must
                }
                assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
                assertThat(body(answer).get("detail").asString()).as(answer.toString())
                        .startsWith("the credentials were refused");
            }
        }
        assertThat(get("/api/funnel/metrics?organization=acme", expiredAdmin).body()).contains("expired");
    }

    @Test
    void viewersReadTheBoardAndNothingElse() {
        Map<String, String> viewers = Map.of(
                "sally.sales (Sales viewer)", jwt("sally.sales", Duration.ofMinutes(10), "sales-viewer"),
                "mark.marketing (Marketing viewer)", jwt("mark.marketing", Duration.ofMinutes(10),
                        "marketing-viewer"));
        viewers.forEach((who, authorization) -> {
            for (Answer answer : sweep(authorization)) {
                if (FOR_VIEWERS.contains(key(answer)) || OPEN.contains(key(answer))) {
                    assertThat(answer.status()).as(who + ": " + answer).isNotIn(401, 403);
                } else {
                    assertThat(answer.status()).as(who + ": " + answer).isEqualTo(403);
                    assertThat(body(answer).get("detail").asString()).as(answer.toString())
                            .isEqualTo("signed in as " + who + ", and this needs "
                                    + (FOR_INTAKE.contains(key(answer)) ? "Admin or Intake application" : "Admin"));
                }
            }
            assertThat(get("/api/funnel/metrics?organization=acme", authorization).statusCode()).isEqualTo(200);
            assertThat(get("/api/funnel/handoffs?organization=acme", authorization).statusCode()).isEqualTo(200);
            assertThat(get("/?organization=acme", authorization).statusCode()).isEqualTo(200);
        });
    }

    @Test
    void onlyAdminsEditTargetsAndTheDirectory() {
        Map<String, String> others = Map.of(
                "sally.sales (Sales viewer)", jwt("sally.sales", Duration.ofMinutes(10), "sales-viewer"),
                "mark.marketing (Marketing viewer)", jwt("mark.marketing", Duration.ofMinutes(10),
                        "marketing-viewer"),
                "intake-token (Intake application)", INTAKE);
        for (Endpoint endpoint : endpoints.stream().filter(e -> FOR_ADMINS.contains(e.toString())).toList()) {
            others.forEach((who, authorization) -> {
                Answer refused = EndpointSweep.call(url(""), endpoint, authorization, "application/json");
                assertThat(refused.status()).as(who + ": " + refused).isEqualTo(403);
                assertThat(body(refused).get("detail").asString()).as(refused.toString())
                        .isEqualTo("signed in as " + who + ", and this needs Admin");
            });
            // The sweep's sample values are no period and no role, so the admin's calls change nothing either.
            Answer admitted = EndpointSweep.call(url(""), endpoint, ADMIN, "application/json");
            assertThat(admitted.status()).as(admitted.toString()).isNotIn(401, 403).isLessThan(500);
        }
    }

    @Test
    void theIntakeTokenSubmitsEventsAndNothingElse() {
        for (Answer answer : sweep(INTAKE)) {
            if (FOR_INTAKE.contains(key(answer)) || OPEN.contains(key(answer))) {
                assertThat(answer.status()).as(answer.toString()).isNotIn(401, 403);
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
                assertThat(body(answer).get("detail").asString()).as(answer.toString())
                        .startsWith("signed in as intake-token (Intake application), and this needs ");
            }
        }
    }

    @Test
    void refusedRequestsChangeNothing() {
        Map<String, Long> offsetsBefore = TopicOffsets.settled(broker.getBrokersAsString(), Duration.ofSeconds(60));
        String metricsBefore = get("/api/funnel/metrics?organization=accessco").body();
        assertThat(metricsBefore).contains("\"updatedAt\":null");

        List<Answer> refused = new ArrayList<>();
        String salesViewer = jwt("sally.sales", Duration.ofMinutes(10), "sales-viewer");
        String marketingViewer = jwt("mark.marketing", Duration.ofMinutes(10), "marketing-viewer");
        for (String authorization : new String[] {null, "Bearer wrong", jwt("old", Duration.ofHours(-1), "admin"),
                salesViewer, marketingViewer}) {
            sweep(authorization).stream().filter(a -> a.status() == 401 || a.status() == 403).forEach(refused::add);
            // A well-formed event, which the intake token would have published:
            var post = postJson("/api/funnel/events", ACCESSCO_EVENT, authorization);
            assertThat(post.statusCode()).as(post.body()).isIn(401, 403);
        }
        sweep(INTAKE).stream().filter(a -> a.status() == 403).forEach(refused::add);
        assertThat(refused).extracting(a -> a.endpoint().method()).contains("POST", "GET");

        assertThat(TopicOffsets.snapshot(broker.getBrokersAsString())).isEqualTo(offsetsBefore);
        assertThat(get("/api/funnel/metrics?organization=accessco").body()).isEqualTo(metricsBefore);

        // The same event with the intake token does change both, so the comparison above could have failed.
        assertThat(postJson("/api/funnel/events", ACCESSCO_EVENT).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/funnel/metrics?organization=accessco").body()
                .contains("\"BRAND_AWARENESS\":1"));
        assertThat(TopicOffsets.snapshot(broker.getBrokersAsString())).isNotEqualTo(offsetsBefore);
    }

    @Test
    void viewersFollowTheLiveStreamAndAnUnsignedClientGets401NotASignInPage() throws Exception {
        String viewer = jwt("mark.marketing", Duration.ofMinutes(10), "marketing-viewer");
        assertThat(firstStreamLine(HttpClient.newHttpClient(), viewer)).isEqualTo("event:ready");

        HttpClient signedIn = FormSignIn.as(url(""), SALES_VIEWER, PASSWORD).client();
        assertThat(firstStreamLine(signedIn, null)).isEqualTo("event:ready");

        for (String accept : List.of("text/event-stream", "text/html")) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(url("/api/funnel/stream")))
                    .header("Accept", accept).GET().build());
            assertThat(refused.statusCode()).as(accept).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(refused.headers().firstValue("Location")).isEmpty();
            assertThat(JSON.readTree(refused.body()).get("detail").asString()).contains("this needs credentials");
        }
        // A session cookie the service does not know (an expired session) is no better than none.
        HttpResponse<String> expired = send(HttpRequest.newBuilder(URI.create(url("/api/funnel/stream")))
                .header("Accept", "text/event-stream").header("Cookie", "ENTENTE_FUNNEL_SESSION=0123456789ABCDEF")
                .GET().build());
        assertThat(expired.statusCode()).isEqualTo(401);
    }

    /** Reads the first line of the live stream, then hangs up. */
    private String firstStreamLine(HttpClient client, String authorization) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/api/funnel/stream?organization=x")))
                    .header("Accept", "text/event-stream").GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<InputStream> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream stream = response.body();
                    var lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                assertThat(response.statusCode()).isEqualTo(200);
                return lines.readLine();
            }
        });
    }
}
