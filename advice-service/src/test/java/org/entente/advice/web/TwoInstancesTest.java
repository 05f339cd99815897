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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.advice.AdviceApplication;
import org.entente.advice.AdviceServiceTest;
import org.entente.advice.AdviceServiceTest.Credentials;
import org.entente.advice.ReportFixtures;
import org.entente.advice.stream.AdviceTopology;
import org.entente.events.AlignmentContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.entente.support.relay.Owner;
import org.entente.support.relay.OwnerLookup;
import org.entente.testing.FormSignIn;

/**
 * Two instances of the service sharing the work (one application id, one broker, each its own state folder and web
 * port). Every assessment's advice and report are answered on both, by relaying to the instance that hosts it with
 * the peer token; the report's trend, the list of assessments and an organization's history are complete on both,
 * gathered from every instance. A viewer signed in with the form on one instance (a session the other knows nothing
 * of) reads everything on either, and a relayed page names the viewer, not the peer. The instance asked checks the
 * caller before relaying anything. Then one instance stops, and after the rebalance the other answers everything.
 */
@AdviceServiceTest
class TwoInstancesTest extends AdviceServiceTest.Support {

    private static final int ASSESSMENTS = 8;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void everyAnswerIsRightAndCompleteOnBothInstancesAndOnTheSurvivor() throws Exception {
        String applicationId = "advice-pair-" + UUID.randomUUID();
        int portA = freePort();
        int portB = freePort();
        ConfigurableApplicationContext a = start(applicationId, portA);
        ConfigurableApplicationContext b = start(applicationId, portB);
        await().atMost(Duration.ofSeconds(90)).until(() -> healthy(portA) && healthy(portB));

        String organization = "pair-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        List<SpecificRecord> events = new ArrayList<>();
        for (int i = 0; i < ASSESSMENTS; i++) {
            String id = organization + "-" + i;
            ids.add(id);
            events.add(ReportFixtures.opened(id, organization, "Check " + i,
                    Instant.parse("2026-05-01T00:00:00Z").plus(Duration.ofDays(i)),
                    AlignmentContext.newBuilder().setFastChangingMarket(true).build()));
            events.add(ReportFixtures.stage(id, 1, false, 0));
        }
        ReportFixtures.publish(brokers, events);

        OwnerLookup ownersOnA = a.getBean(OwnerLookup.class);
        FormSignIn salesOnA = FormSignIn.as("http://127.0.0.1:" + portA, Credentials.SALES, Credentials.PASSWORD);
        FormSignIn salesOnB = FormSignIn.as("http://127.0.0.1:" + portB, Credentials.SALES, Credentials.PASSWORD);
        List<String> hostedByB = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
            hostedByB.clear();
            Set<String> hosts = new HashSet<>();
            for (String id : ids) {
                Owner owner = ownersOnA.owner(AdviceTopology.ADVICE_STORE, id, new StringSerializer());
                hosts.add(owner.toString());
                if (owner instanceof Owner.There) {
                    hostedByB.add(id);
                }
            }
            assertThat(hosts).as("both instances host assessments").hasSize(2);
            assertEverything(salesOnA, organization, ids);
            assertEverything(salesOnB, organization, ids);
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

        // One instance stops; once the survivor holds every partition it answers everything itself.
        b.close();
        FormSignIn salesAgainOnA = FormSignIn.as("http://127.0.0.1:" + portA, Credentials.SALES,
                Credentials.PASSWORD);
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                .untilAsserted(() -> assertEverything(salesAgainOnA, organization, ids));
    }

    /** Every advice, every report with the whole trend, the whole list and the whole history, on one instance. */
    private static void assertEverything(FormSignIn viewer, String organization, List<String> ids) throws Exception {
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            titles.add(">Check " + i + "<");
        }
        for (String id : ids) {
            HttpResponse<String> advice = viewer.get("/api/assessments/" + id + "/advice");
            assertThat(advice.statusCode()).as("%s from %s: %s", id, advice.uri(), advice.body()).isEqualTo(200);
            assertThat(advice.body()).contains("\"assessmentId\":\"" + id + "\"");
        }
        String last = ids.get(ids.size() - 1);
        HttpResponse<String> report = viewer.get("/assessments/" + last, "text/html");
        assertThat(report.statusCode()).as("report %s from %s", last, report.uri()).isEqualTo(200);
        assertThat(report.body()).as("the whole trend").contains(titles).doesNotContain("trend-incomplete");
        HttpResponse<String> index = viewer.get("/", "text/html");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).as("the whole list").contains(titles).doesNotContain("list-incomplete");
        HttpResponse<String> history = viewer.get("/api/organizations/" + organization + "/history");
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        for (String id : ids) {
            assertThat(history.body()).contains("\"assessmentId\":\"" + id + "\"");
        }
    }

    private ConfigurableApplicationContext start(String applicationId, int port) throws IOException {
        Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "kafka-streams-state")),
                "advice-pair-");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AdviceApplication.class).run(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--spring.kafka.streams.application-id=" + applicationId,
                "--spring.kafka.streams.state-dir=" + stateDir,
                "--entente.topics.partitions=2",
                "--entente.api-token=" + Credentials.ADMIN_TOKEN,
                "--entente.intake-token=" + Credentials.INTAKE_TOKEN,
                "--entente.peer-token=" + Credentials.PEER_TOKEN,
                // a stopped instance's partitions move to the other within seconds, not the default 45
                "--spring.kafka.streams.properties.session.timeout.ms=10000",
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
