package org.entente.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * survey-service as a deployment runs it, with two replicas behind a load balancer: two application contexts on one
 * broker, each reading the whole state from Kafka. A personal link used on one replica is refused as used on the
 * other once the first use is visible on the invitations topic, and both replicas count the same responses.
 */
class TwoReplicasTest {

    private static final String ADMIN = "Bearer two-replicas-admin";
    private static final String INTAKE = "Bearer two-replicas-intake";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private static EmbeddedKafkaKraftBroker broker;
    private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();
    private static String first;
    private static String second;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.afterPropertiesSet();
        first = start();
        second = start();
    }

    @AfterAll
    static void stopEverything() {
        replicas.forEach(ConfigurableApplicationContext::close);
        if (broker != null) {
            broker.destroy();
        }
    }

    private static String start() throws Exception {
        // As arguments: they win over application.yml, as a deployment's environment does.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SurveyApplication.class).run(
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--entente.api-token=" + ADMIN.substring(7), "--entente.intake-token=" + INTAKE.substring(7),
                "--spring.jmx.enabled=false", "--logging.level.org.apache.kafka=WARN");
        replicas.add(context);
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @Test
    void aLinkUsedOnOneReplicaIsUsedOnTheOtherAndBothCountTheSame() throws Exception {
        await().atMost(Duration.ofSeconds(90)).until(() -> ready(first) && ready(second));
        HttpResponse<String> opened = post(first, "/api/assessments", ADMIN, Map.of("organization", "replicated",
                "title", "Two replicas", "anonymityThreshold", 1, "named", true));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String id = JSON.readTree(opened.body()).path("assessmentId").asString();
        HttpResponse<String> invited = post(first, "/api/assessments/" + id + "/invitations", ADMIN,
                Map.of("function", "SALES", "role", "STAFF", "count", 1));
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        String path = URI.create(JSON.readTree(invited.body()).path("links").path(0).path("url").asString())
                .getPath();

        // A respondent who opened the form on the second replica and left it open ...
        HttpClient late = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        await().atMost(Duration.ofSeconds(30)).until(() -> page(late, second + path).statusCode() == 200);
        String lateCsrf = csrf(page(late, second + path).body());

        // ... while the same link is answered on the first replica.
        HttpClient respondent = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> form = page(respondent, first + path);
        assertThat(form.statusCode()).isEqualTo(200);
        HttpResponse<String> answered = submitForm(respondent, first + path, csrf(form.body()));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(302);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> again = page(late, second + path);
            assertThat(again.statusCode()).isEqualTo(410);
            assertThat(again.body()).contains("already been used");
        });
        HttpResponse<String> refused = submitForm(late, second + path, lateCsrf);
        assertThat(refused.statusCode()).isEqualTo(410);
        assertThat(refused.body()).contains("already been used");

        // A response from an application, taken by the second replica: both count both responses, once each.
        HttpResponse<String> api = post(second, "/api/responses", INTAKE, Map.of("assessmentId", id,
                "respondentId", "app-1", "function", "MARKETING", "role", "HEAD",
                "answers", java.util.Collections.nCopies(20, 4)));
        assertThat(api.statusCode()).as(api.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode onFirst = get(first, "/api/assessments/" + id).path("responses");
            JsonNode onSecond = get(second, "/api/assessments/" + id).path("responses");
            assertThat(onFirst.path("total").asInt()).isEqualTo(2);
            assertThat(onSecond).isEqualTo(onFirst);
            assertThat(get(second, "/api/assessments/" + id + "/invitations").path("answered").asInt())
                    .isEqualTo(1);
        });
    }

    private boolean ready(String base) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    private HttpResponse<String> post(String base, String path, String authorization, Object body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String base, String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", ADMIN)
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static HttpResponse<String> page(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> submitForm(HttpClient client, String url, String csrf) throws Exception {
        StringBuilder answers = new StringBuilder("_csrf=" + csrf);
        for (int statement = 1; statement <= 20; statement++) {
            answers.append("&s").append(statement).append("=3");
        }
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(answers.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String form) {
        Matcher token = CSRF.matcher(form);
        assertThat(token.find()).as("the form carries a CSRF token").isTrue();
        return token.group(1);
    }
}
