package org.entente.survey.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.entente.survey.SurveyServiceTest;
import org.entente.testing.EndpointSweep;
import org.entente.testing.EndpointSweep.Answer;
import org.entente.testing.EndpointSweep.Endpoint;
import org.entente.testing.TestJwts;
import org.entente.testing.TopicOffsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Who may call what in survey-service, swept over every endpoint the running application maps (the list comes from
 * the application, never from this file): without credentials only the respondent link and the shared open paths
 * answer; a wrong or expired token is refused everywhere; viewers reach only the instrument; the intake token reaches
 * only response intake and the instrument; every refusal says why and changes nothing. Also: pages send people to
 * the sign-in page, a bearer call makes no session, and a link used too often is answered 429.
 */
class AccessTest extends SurveyServiceTest {

    /** What anyone may call: the respondent link, and the paths every service leaves open. Written out on purpose. */
    private static final Set<String> OPEN = Set.of("GET /r/{token}", "POST /r/{token}", "GET /r/{token}/thanks",
            "GET /actuator/health", "GET /error", "POST /error");
    /** What the matrix gives anyone signed in, whatever their role (viewers, intake). */
    private static final Set<String> SIGNED_IN = Set.of("GET /api/instrument", "GET /api/instrument/{version}");
    /** What the matrix gives the intake token beyond that. */
    private static final Set<String> INTAKE_ONLY = Set.of("POST /api/responses");

    @Autowired
    private ApplicationContext context;

    private List<Endpoint> endpoints;

    @BeforeEach
    void listEndpoints() {
        // The respondent link is limited per link (PER_LINK_LIMIT a minute), and every sweep fills its token with the
        // same word: the test class's sweeps together would use up that allowance and see 429 instead of the answer
        // under test. Each test sweeps with a link of its own.
        String ownToken = "sweep-" + UUID.randomUUID();
        endpoints = EndpointSweep.endpoints(context).stream()
                .map(endpoint -> endpoint.pattern().startsWith("/r/{token}")
                        ? new Endpoint(endpoint.method(), endpoint.pattern(),
                                endpoint.pattern().replace("{token}", ownToken))
                        : endpoint)
                .toList();
        assertThat(endpoints).filteredOn(endpoint -> endpoint.path().contains(ownToken)).hasSize(3);
    }

    @Test
    void the_sweep_covers_the_endpoints_we_know_of() {
        assertThat(endpoints).isNotEmpty();
        assertThat(endpoints.stream().map(Endpoint::toString)).contains("POST /api/assessments",
                "GET /api/assessments", "GET /api/assessments/{assessmentId}", "POST /api/assessments/{assessmentId}/close",
                "POST /api/responses", "GET /api/instrument", "GET /api/instrument/{version}",
                "POST /api/assessments/{assessmentId}/invitations", "GET /api/assessments/{assessmentId}/invitations",
                "POST /api/assessments/{assessmentId}/shared-links", "GET /api/organizations/{organization}/trend",
                "GET /", "POST /assessments", "GET /assessments/{assessmentId}",
                "POST /assessments/{assessmentId}/links", "POST /assessments/{assessmentId}/close",
                "GET /r/{token}", "POST /r/{token}", "GET /r/{token}/thanks", "GET /v3/api-docs",
                "GET /actuator/health", "GET /actuator/info", "GET /actuator/prometheus");
        assertThat(endpoints.stream().map(Endpoint::toString)).containsAll(OPEN).containsAll(SIGNED_IN)
                .containsAll(INTAKE_ONLY);
    }

    @Test
    void without_credentials_only_the_open_endpoints_answer_and_nothing_changes() throws Exception {
        State before = state();

        List<Answer> answers = EndpointSweep.sweep(baseUrl(), endpoints, null);

        for (Answer answer : answers) {
            if (OPEN.contains(answer.endpoint().toString())) {
                assertThat(answer.status()).as(answer.toString()).isNotEqualTo(401);
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
                assertThat(message(answer)).as(answer.toString()).contains("needs credentials");
            }
        }
        // The form's POST is open, but not without the token of a form the service handed out.
        Answer formPost = only(answers, "POST /r/{token}");
        assertThat(formPost.status()).isEqualTo(403);
        assertThat(message(formPost)).contains("form");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void a_wrong_or_expired_token_is_refused_everywhere_and_changes_nothing() throws Exception {
        State before = state();

        for (String authorization : List.of("Bearer not-a-token-this-service-knows", "Bearer " + ADMIN_TOKEN + "x",
                "Bearer " + JWTS.expired("someone", "admin"),
                "Bearer " + TestJwts.signedByAnotherKey("forger", "admin"))) {
            for (Answer answer : EndpointSweep.sweep(baseUrl(), endpoints, authorization)) {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
                assertThat(message(answer)).as(answer.toString()).contains("credentials were refused")
                        .doesNotContain(ADMIN_TOKEN);
            }
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void viewers_reach_the_instrument_and_nothing_else_and_change_nothing() throws Exception {
        State before = state();

        for (var viewer : Map.of("Sales viewer", "Bearer " + JWTS.token("sam", "sales-viewer"),
                "Marketing viewer", "Bearer " + JWTS.token("mia", "marketing-viewer")).entrySet()) {
            for (Answer answer : EndpointSweep.sweep(baseUrl(), endpoints, viewer.getValue())) {
                String endpoint = answer.endpoint().toString();
                if (SIGNED_IN.contains(endpoint) || OPEN.contains(endpoint)) {
                    assertThat(answer.status()).as(viewer.getKey() + ": " + answer).isNotIn(401, 403);
                } else {
                    assertThat(answer.status()).as(viewer.getKey() + ": " + answer).isEqualTo(403);
                    assertThat(message(answer)).as(answer.toString()).contains(viewer.getKey()).contains("Admin");
                }
            }
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void the_intake_token_reaches_response_intake_and_the_instrument_only() throws Exception {
        State before = state();

        List<Answer> answers = EndpointSweep.sweep(baseUrl(), endpoints, INTAKE);

        for (Answer answer : answers) {
            String endpoint = answer.endpoint().toString();
            if (INTAKE_ONLY.contains(endpoint) || SIGNED_IN.contains(endpoint) || OPEN.contains(endpoint)) {
                assertThat(answer.status()).as(answer.toString()).isNotIn(401, 403);
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
                assertThat(message(answer)).as(answer.toString()).contains("Intake application").contains("Admin");
            }
        }
        // The sweep's empty response was refused as invalid, so nothing was written.
        assertThat(only(answers, "POST /api/responses").status()).isEqualTo(400);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void an_admin_reaches_every_endpoint() {
        for (Answer answer : EndpointSweep.sweep(baseUrl(), endpoints, ADMIN)) {
            assertThat(answer.status()).as(answer.toString()).isNotIn(401, 403);
        }
    }

    @Test
    void a_page_asked_for_without_credentials_leads_to_the_sign_in_page() throws Exception {
        for (String page : List.of("/", "/assessments/some-id")) {
            HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(baseUrl() + page)).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(reply.statusCode()).as(page).isEqualTo(302);
            assertThat(reply.headers().firstValue("Location")).as(page).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login"));
        }
        // An API asked for without credentials is refused outright, with a reason and the scheme to use.
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/api/assessments")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(JSON.readTree(api.body()).path("detail").asString()).contains("needs credentials");
    }

    @Test
    void a_viewer_asking_for_an_organizer_page_gets_a_page_that_says_why() throws Exception {
        HttpResponse<String> reply = organizerPageFor(JWTS.token("sam", "sales-viewer"));

        assertThat(reply.statusCode()).isEqualTo(403);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(reply.body()).contains("signed in as sam (Sales viewer)").contains("needs Admin");
    }

    @Test
    void a_program_asking_for_an_organizer_page_is_named_there_without_a_sign_out_form() throws Exception {
        HttpResponse<String> reply = organizerPageFor(JWTS.token("ops-robot", "admin"));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("<strong>ops-robot</strong>").contains("<span>Admin</span>")
                .doesNotContain("/logout").doesNotContain("Sign out");
    }

    @Test
    void submitting_a_response_with_a_bearer_token_makes_no_session() throws Exception {
        String assessmentId = openAssessment("sessionless", Map.of());

        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/api/responses")).header("Authorization", INTAKE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("assessmentId", assessmentId,
                        "respondentId", "p-1", "function", "SALES", "role", "STAFF", "answers", answers(3)))))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(202);
        assertThat(reply.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void a_link_opened_too_often_is_answered_429_with_a_reason_and_when_to_retry() throws Exception {
        String assessmentId = openAssessment("flooded", Map.of());
        String link = post("/api/assessments/" + assessmentId + "/shared-links",
                Map.of("function", "SALES", "role", "STAFF")).body().path("url").asString();
        HttpClient http = HttpClient.newHttpClient();

        for (int i = 0; i < PER_LINK_LIMIT; i++) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).as("request " + (i + 1)).isEqualTo(200);
        }
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(link))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(link))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(page.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(page.body()).contains("Please wait a moment").contains("too often");
        assertThat(json.statusCode()).isEqualTo(429);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(JSON.readTree(json.body()).path("detail").asString()).contains("too often");
        // Other links are not held back by this one.
        String other = post("/api/assessments/" + assessmentId + "/shared-links",
                Map.of("function", "MARKETING", "role", "STAFF")).body().path("url").asString();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(other)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }

    /** What a refused request must not change: every partition's end offset and the assessments as listed. */
    /** The organizer's home page, asked for as a browser would, by a caller with {@code token}. */
    private HttpResponse<String> organizerPageFor(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/"))
                .header("Accept", "text/html").header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private record State(Map<String, Long> offsets, JsonNode assessments) {
    }

    private State state() throws Exception {
        return new State(TopicOffsets.snapshot(broker.getBrokersAsString()), get("/api/assessments").body());
    }

    private static String message(Answer answer) {
        return JSON.readTree(answer.body()).path("detail").asString("");
    }

    private static Answer only(List<Answer> answers, String endpoint) {
        Predicate<Answer> matches = answer -> answer.endpoint().toString().equals(endpoint);
        assertThat(answers).filteredOn(matches).hasSize(1);
        return answers.stream().filter(matches).findFirst().orElseThrow();
    }
}
