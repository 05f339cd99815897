package org.entente.support.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service in miniature behind the shared plumbing: every refusal a client can meet is one problem+json shape, and
 * a person's browser still gets a page.
 */
@SpringBootTest(classes = ProblemErrorControllerTest.Sample.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "entente.api-token=problem-test-token", "spring.kafka.bootstrap-servers=127.0.0.1:1" })
class ProblemErrorControllerTest {

    private static final String ADMIN = "Bearer problem-test-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @SpringBootApplication
    static class Sample {

        record Thing(@NotBlank String name, @Min(1) int count) {
        }

        @RestController
        static class Things {
            @PostMapping("/api/things")
            Thing create(@Valid @RequestBody Thing thing) {
                return thing;
            }

            @GetMapping("/api/things/{number}")
            Map<String, Integer> show(@PathVariable int number) {
                return Map.of("number", number);
            }

            @GetMapping("/api/things")
            Map<String, String> search(@RequestParam String organization) {
                return Map.of("organization", organization);
            }

            @GetMapping("/api/broken")
            String broken() {
                throw new IllegalStateException("secret internals");
            }
        }
    }

    @Test
    void aFailedValidationNamesEachFieldAtFault() throws Exception {
        HttpResponse<String> response = send(request("/api/things").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\" \",\"count\":0}")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("title").asString()).isEqualTo("Bad Request");
        assertThat(body.path("status").asInt()).isEqualTo(400);
        assertThat(body.path("instance").asString()).isEqualTo("/api/things");
        assertThat(body.path("fields").propertyNames()).containsExactlyInAnyOrder("name", "count");
        assertThat(body.path("detail").asString()).contains("name", "count");
    }

    @Test
    void anUnreadableBodyAMistypedAndAMissingParameterAreProblems() throws Exception {
        HttpResponse<String> unreadable = send(request("/api/things").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":")));
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(problem(unreadable).path("detail").asString())
                .startsWith("the request body is not the JSON this endpoint expects");

        HttpResponse<String> mistyped = send(request("/api/things/seven").GET());
        assertThat(mistyped.statusCode()).isEqualTo(400);
        assertThat(problem(mistyped).path("fields").path("number").asString()).isEqualTo("is not valid");

        HttpResponse<String> missing = send(request("/api/things").GET());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(problem(missing).path("fields").path("organization").asString()).isEqualTo("is required");

        HttpResponse<String> mediaType = send(request("/api/things").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name")));
        assertThat(mediaType.statusCode()).isEqualTo(415);
        assertThat(problem(mediaType).path("detail").asString()).isEqualTo("send the body as application/json");
    }

    @Test
    void unknownPathsWrongMethodsAndFailuresAreProblemsThatKeepInternalsToThemselves() throws Exception {
        HttpResponse<String> unknown = send(request("/api/nothing-here").GET());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(problem(unknown).path("instance").asString()).isEqualTo("/api/nothing-here");

        HttpResponse<String> wrongMethod = send(request("/api/things/1").DELETE());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(problem(wrongMethod).path("title").asString()).isEqualTo("Method Not Allowed");

        HttpResponse<String> broken = send(request("/api/broken").GET());
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(problem(broken).path("detail").asString()).contains("log");
        assertThat(broken.body()).doesNotContain("secret internals");
    }

    @Test
    void refusalsAreTheSameShape() throws Exception {
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/things?organization=a"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(problem(refused).path("detail").asString()).contains("needs credentials");
    }

    @Test
    void aBrowserStillGetsAPage() throws Exception {
        HttpResponse<String> page = send(request("/nothing-here").header("Accept", "text/html").GET());
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<html");
    }

    private static JsonNode problem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).as(response.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(response.statusCode());
        return body;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", ADMIN);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
