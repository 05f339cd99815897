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
import org.entente.advice.ReportFixtures;
import org.entente.advice.stream.AdviceQueries;
import org.entente.events.AlignmentContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the service sharing the work: a request for an assessment that the other instance hosts is
 * still answered, by relaying it there.
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
        ConfigurableApplicationContext a = start(applicationId, portA);
        ConfigurableApplicationContext b = start(applicationId, portB);
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

        // Allow for a last rebalance to settle; every assessment must then be answered on both ports.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : ids) {
                for (int port : List.of(portA, portB)) {
                    HttpResponse<String> advice = get(port, "/api/assessments/" + id + "/advice");
                    assertThat(advice.statusCode()).as("%s on port %d", id, port).isEqualTo(200);
                    assertThat(advice.body()).contains("\"assessmentId\":\"" + id + "\"");
                }
            }
        });
        HttpResponse<String> report = get(portA, "/assessments/" + hostedByB.get(0));
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("html"));
        assertThat(report.body()).contains("Move up to Aligned");
    }

    private ConfigurableApplicationContext start(String applicationId, int port) throws IOException {
        Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "kafka-streams-state")),
                "advice-pair-");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AdviceApplication.class).run(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--spring.cloud.stream.kafka.streams.binder.application-id=" + applicationId,
                "--spring.cloud.stream.kafka.streams.binder.configuration.state.dir=" + stateDir,
                "--spring.cloud.stream.kafka.streams.binder.configuration.application.server=127.0.0.1:" + port,
                "--entente.topics.partitions=2",
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
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
