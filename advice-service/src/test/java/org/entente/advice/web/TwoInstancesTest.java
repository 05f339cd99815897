package org.entente.advice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.entente.advice.AdviceApplication;
import org.entente.advice.AdviceServiceTest;
import org.entente.advice.AdviceServiceTest.Credentials;
import org.entente.advice.ReportFixtures;
import org.entente.advice.stream.AdviceQueries;
import org.entente.events.AlignmentContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.entente.testing.FormSignIn;

/**
 * Two instances of the service sharing the work: a request for an assessment that the other instance hosts is
 * still answered, by relaying it there with the peer token. A viewer signed in with the form on one instance (a
 * session the other knows nothing of) reads every report and every advice on either instance, and the relayed page
 * names the viewer, not the peer. The instance asked checks the caller before relaying anything. A third instance
 * without the peer token cannot relay for a viewer's session and says so (503), while a bearer caller's own token
 * travels instead.
 */
@AdviceServiceTest
class TwoInstancesTest extends AdviceServiceTest.Support {

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void eitherInstanceAnswersForEveryAssessment() throws Exception {
        String applicationId = "advice-pair-" + UUID.randomUUID();
        int portA = freePort();
        int portB = freePort();
        ConfigurableApplicationContext a = start(applicationId, portA, true);
        ConfigurableApplicationContext b = start(applicationId, portB, true);
        await().atMost(Duration.ofSeconds(90)).until(() -> healthy(portA) && healthy(portB));

        String organization = "pair-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        List<SpecificRecord> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = organization + "-" + i;
            ids.add(id);
            events.add(ReportFixtures.opened(id, organization, "Check " + i, Instant.parse("2026-05-01T00:00:00Z"),
                    AlignmentContext.newBuilder().setFastChangingMarket(true).build()));
            events.add(ReportFixtures.stage(id, 1, false, 0));
        }
        ReportFixtures.publish(brokers, events);

        AdviceQueries queriesOfA = a.getBean(AdviceQueries.class);
        AdviceQueries queriesOfB = b.getBean(AdviceQueries.class);
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
            for (String id : ids) {
                assertThat(queriesOfA.advice(id).isPresent() || queriesOfB.advice(id).isPresent()).as(id).isTrue();
            }
            assertThat(ids).as("the two instances share the assessments")
                    .anyMatch(id -> queriesOfA.advice(id).isPresent())
                    .anyMatch(id -> queriesOfB.advice(id).isPresent());
        });
        List<String> hostedByB = ids.stream().filter(id -> queriesOfB.advice(id).isPresent()).toList();
        FormSignIn salesOnA = FormSignIn.as("http://127.0.0.1:" + portA, Credentials.SALES, Credentials.PASSWORD);
        FormSignIn salesOnB = FormSignIn.as("http://127.0.0.1:" + portB, Credentials.SALES, Credentials.PASSWORD);

        // Allow for a last rebalance to settle; every assessment must then be answered on both ports.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : ids) {
                for (FormSignIn viewer : List.of(salesOnA, salesOnB)) {
                    HttpResponse<String> advice = viewer.get("/api/assessments/" + id + "/advice");
                    assertThat(advice.statusCode()).as("%s from %s", id, advice.uri()).isEqualTo(200);
                    assertThat(advice.body()).contains("\"assessmentId\":\"" + id + "\"");
                }
            }
        });
        String elsewhere = hostedByB.get(0);
        HttpResponse<String> report = salesOnA.get("/assessments/" + elsewhere, "text/html");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("html"));
        assertThat(report.body()).contains("Move up to Aligned", "id=\"signed-in-name\">sales<",
                "id=\"signed-in-role\">Sales viewer<", "id=\"sign-out\"").doesNotContain("Entente instance");

        // The relayed page's sign-out form carries instance A's CSRF token, so signing out there works.
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(report.body());
        assertThat(csrf.find()).as("a CSRF field in the sign-out form").isTrue();
        HttpResponse<String> signOut = salesOnA.post("/logout", "_csrf=" + FormSignIn.encode(
                org.springframework.web.util.HtmlUtils.htmlUnescape(csrf.group(1))));
        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(signOut.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/login?logout"));
        assertThat(salesOnA.get("/api/assessments/" + elsewhere + "/advice").statusCode()).isEqualTo(401);

        // Refused callers are refused by the instance they ask, not relayed for with the peer token.
        HttpResponse<String> anonymous = get(portA, "/api/assessments/" + elsewhere + "/advice", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("this needs credentials");
        HttpResponse<String> intake = get(portA, "/api/assessments/" + elsewhere + "/advice",
                "Bearer " + Credentials.INTAKE_TOKEN);
        assertThat(intake.statusCode()).isEqualTo(403);
        assertThat(intake.body()).contains("Intake application");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portA
                + "/assessments/" + elsewhere)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("a browser not signed in goes to the sign-in page").isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        // A third instance configured without the peer token.
        int portC = freePort();
        ConfigurableApplicationContext c = start(applicationId, portC, false);
        await().atMost(Duration.ofSeconds(90)).until(() -> healthy(portC));
        FormSignIn salesOnC = FormSignIn.as("http://127.0.0.1:" + portC, Credentials.SALES, Credentials.PASSWORD);
        AdviceQueries queriesOfC = c.getBean(AdviceQueries.class);
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
            String held = ids.stream().filter(id -> queriesOfC.remoteOwner(id).isPresent()).findFirst().orElseThrow();
            HttpResponse<String> refused = salesOnC.get("/api/assessments/" + held + "/advice");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("\"status\":503", "ENTENTE_PEER_TOKEN");
            HttpResponse<String> refusedPage = salesOnC.get("/assessments/" + held, "text/html");
            assertThat(refusedPage.statusCode()).isEqualTo(503);
            assertThat(refusedPage.body()).contains("<h1>Service Unavailable</h1>", "ENTENTE_PEER_TOKEN");
            HttpResponse<String> admin = get(portC, "/api/assessments/" + held + "/advice");
            assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
            assertThat(admin.body()).contains("\"assessmentId\":\"" + held + "\"");
        });
    }

    private ConfigurableApplicationContext start(String applicationId, int port, boolean withPeerToken)
            throws IOException {
        Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "kafka-streams-state")),
                "advice-pair-");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AdviceApplication.class).run(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--spring.cloud.stream.kafka.streams.binder.application-id=" + applicationId,
                "--spring.cloud.stream.kafka.streams.binder.configuration.state.dir=" + stateDir,
                "--spring.cloud.stream.kafka.streams.binder.configuration.application.server=127.0.0.1:" + port,
                "--entente.topics.partitions=2",
                "--entente.api-token=" + Credentials.ADMIN_TOKEN,
                "--entente.intake-token=" + Credentials.INTAKE_TOKEN,
                "--entente.peer-token=" + (withPeerToken ? Credentials.PEER_TOKEN : ""),
                "--entente.users[0].name=" + Credentials.SALES,
                "--entente.users[0].password=" + Credentials.PASSWORD,
                "--entente.users[0].role=sales-viewer",
                "--spring.jmx.enabled=false");
        instances.add(context);
        return context;
    }

    private boolean healthy(int port) {
        try {
            return get(port, "/actuator/health").statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return get(port, path, "Bearer " + Credentials.ADMIN_TOKEN);
    }

    private HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
