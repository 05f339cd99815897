package org.entente.funnel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.entente.funnel.FunnelApplication;
import org.entente.funnel.stream.FunnelTopology;
import org.entente.support.relay.Owner;
import org.entente.support.relay.OwnerLookup;
import org.entente.testing.FormSignIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Two instances of funnel-service share the work (one application id, one broker, each its own state folder and web
 * port). Every organization's metrics, handoffs and board are answered right on both, whichever instance holds the
 * organization, and a period's metrics are measured against the revenue target set through the other instance; the
 * live stream on either instance carries an organization the other holds. Then one instance stops, and after the
 * rebalance the other answers everything itself.
 */
@EmbeddedKafka(count = 1, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1", "group.initial.rebalance.delay.ms=0"})
class TwoInstancesTest {

    private static final int PARTITIONS = 3;
    private static final int PER_PARTITION = 2;
    private static final String ADMIN = "Bearer funnel-pair-admin-token";
    private static final String INTAKE = "Bearer funnel-pair-intake-token";
    private static final String VIEWER = "sally.sales";
    private static final String PASSWORD = "correct horse battery";

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void everyOrganizationIsAnsweredRightOnBothInstancesAndOnTheSurvivor(EmbeddedKafkaBroker broker)
            throws Exception {
        String brokers = broker.getBrokersAsString();
        String applicationId = "funnel-pair-" + UUID.randomUUID();
        int portA = freePort();
        int portB = freePort();
        ConfigurableApplicationContext a = start(brokers, applicationId, portA);
        ConfigurableApplicationContext b = start(brokers, applicationId, portB);
        await().atMost(Duration.ofSeconds(90)).until(() -> healthy(portA) && healthy(portB));

        // Organizations on every partition of the organization stores, each with its own number of leads, so each
        // instance holds some and a wrong instance's (empty) answer would show.
        Map<String, Integer> leadsOf = new LinkedHashMap<>();
        Map<Integer, Integer> perPartition = new HashMap<>();
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int n = 0; leadsOf.size() < PARTITIONS * PER_PARTITION; n++) {
            String organization = "org-" + run + "-" + n;
            if (perPartition.merge(partition(organization), 1, Integer::sum) <= PER_PARTITION) {
                leadsOf.put(organization, leadsOf.size() + 1);
            }
        }
        Instant at = Instant.now().minus(Duration.ofMinutes(30));
        for (Map.Entry<String, Integer> organization : leadsOf.entrySet()) {
            String org = organization.getKey();
            for (int lead = 0; lead < organization.getValue(); lead++) {
                publish(portA, org, org + "-lead-" + lead, "STAGE_ENTERED", "CUSTOMER_AWARENESS", "MARKETING", at);
            }
            publish(portA, org, org + "-h", "STAGE_ENTERED", "BRAND_PREFERENCE", "MARKETING", at);
            publish(portA, org, org + "-h", "HANDED_OFF", null, "MARKETING", at.plusSeconds(60));
            // The rules of engagement about the organization and its collateral, answered where it is held.
            publish(portA, org, org + "-big", "STAGE_ENTERED", "PURCHASE_INTENTION", "SALES", at,
                    ",\"accountId\":\"" + org + "-acc\",\"amountCents\":250000");
            publish(portA, org, org + "-h", "STAGE_ENTERED", null, "MARKETING", at.plusSeconds(90),
                    ",\"collateralReview\":{\"collateralId\":\"" + org + "-deck\",\"status\":\"REQUESTED\"}");
        }

        OwnerLookup ownersOnA = a.getBean(OwnerLookup.class);
        FormSignIn viewerOnA = FormSignIn.as("http://127.0.0.1:" + portA, VIEWER, PASSWORD);
        FormSignIn viewerOnB = FormSignIn.as("http://127.0.0.1:" + portB, VIEWER, PASSWORD);
        Map<String, Integer> heldBy = new HashMap<>();
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
            Set<String> holders = new HashSet<>();
            for (String org : leadsOf.keySet()) {
                Owner owner = ownersOnA.owner(FunnelTopology.ORGANIZATION_METRICS, org, new StringSerializer());
                holders.add(owner.toString());
                heldBy.put(org, owner instanceof Owner.There ? portB : portA);
            }
            assertThat(holders).as("both instances hold organizations").hasSize(2);
            assertEverything(portA, viewerOnA, leadsOf);
            assertEverything(portB, viewerOnB, leadsOf);
        });

        // A revenue target set through A is measured by whichever instance holds the organization, asked on either;
        // a directory edit made through A is what B names too.
        String quarter = quarterOf(Instant.now());
        for (Map.Entry<String, Integer> organization : leadsOf.entrySet()) {
            String org = organization.getKey();
            publish(portA, org, org + "-won", "STAGE_ENTERED", "PURCHASE_INTENTION", "SALES", Instant.now());
            publish(portA, "{\"organization\":\"" + org + "\",\"leadId\":\"" + org + "-won\",\"type\":\"WON\","
                    + "\"team\":\"SALES\",\"actor\":\"sam\",\"amountCents\":1000}");
            assertThat(put(portA, "/api/funnel/targets/" + org + "/" + quarter,
                    "{\"targetCents\":" + 1000 * (organization.getValue() + 1) + "}").statusCode()).isEqualTo(200);
        }
        assertThat(put(portA, "/api/funnel/directory/*/brand-manager",
                "{\"name\":\"Pair Contact\",\"address\":\"#pair\"}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            for (Map.Entry<String, Integer> organization : leadsOf.entrySet()) {
                for (int port : List.of(portA, portB)) {
                    HttpResponse<String> measured = get(port, "/api/funnel/metrics?organization="
                            + organization.getKey() + "&period=" + quarter);
                    assertThat(measured.body()).as("%s on %d", organization.getKey(), port).contains(
                            "\"wonAmountCents\":1000,",
                            "\"revenueTargetCents\":" + 1000 * (organization.getValue() + 1) + ",",
                            "\"targetAttainment\":" + 1.0 / (organization.getValue() + 1) + ",");
                }
            }
            assertThat(get(portB, "/api/funnel/directory?organization=anyone").body()).contains("Pair Contact");
        });

        // The live stream on either instance carries an organization the other instance holds.
        String heldByA = leadsOf.keySet().stream().filter(org -> heldBy.get(org) == portA).findFirst().orElseThrow();
        List<String> streamOnB = listen(portB, heldByA);
        publish(portA, heldByA, heldByA + "-late", "STAGE_ENTERED", "CUSTOMER_AWARENESS", "MARKETING",
                Instant.now());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(streamOnB)
                .anyMatch(line -> line.contains("\"leadId\":\"" + heldByA + "-late\"")));
        leadsOf.merge(heldByA, 1, Integer::sum);

        // One instance stops; once the survivor holds every partition it answers everything itself.
        b.close();
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                .untilAsserted(() -> assertEverything(portA, viewerOnA, leadsOf));
    }

    private void assertEverything(int port, FormSignIn viewer, Map<String, Integer> leadsOf) throws Exception {
        for (Map.Entry<String, Integer> organization : leadsOf.entrySet()) {
            String org = organization.getKey();
            HttpResponse<String> metrics = get(port, "/api/funnel/metrics?organization=" + org);
            assertThat(metrics.statusCode()).as("metrics of %s on %d: %s", org, port, metrics.body()).isEqualTo(200);
            assertThat(metrics.body()).contains("\"organization\":\"" + org + "\"",
                    "\"CUSTOMER_AWARENESS\":" + organization.getValue() + ",", "\"handoffs\":1,");
            // By period too: the period parameters travel with the relayed request.
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            HttpResponse<String> byPeriod = get(port, "/api/funnel/metrics?organization=" + org + "&from="
                    + today.minusDays(1) + "&to=" + today);
            assertThat(byPeriod.statusCode()).as("period metrics of %s on %d: %s", org, port, byPeriod.body())
                    .isEqualTo(200);
            assertThat(byPeriod.body()).contains("\"organization\":\"" + org + "\"",
                    "\"CUSTOMER_AWARENESS\":" + organization.getValue() + ",", "\"handoffs\":1,",
                    "\"label\":\"" + today.minusDays(1) + ".." + today + "\"");
            HttpResponse<String> handoffs = viewer.get("/api/funnel/handoffs?organization=" + org);
            assertThat(handoffs.statusCode()).as("handoffs of %s on %d", org, port).isEqualTo(200);
            assertThat(handoffs.body()).contains("\"leadId\":\"" + org + "-h\"");
            HttpResponse<String> board = viewer.get("/?organization=" + org, "text/html");
            assertThat(board.statusCode()).as("board of %s on %d", org, port).isEqualTo(200);
            assertThat(board.body()).contains("\"" + org + "-h\"", "id=\"who-name\">" + VIEWER + "<",
                    "id=\"who-role\">Sales viewer<", "<td>" + org + "-acc</td>",
                    "<td>$2,500</td>",
                    "<strong>" + org + "-deck</strong>");
        }
    }

    private void publish(int port, String organization, String leadId, String type, String step, String team,
            Instant at) throws Exception {
        publish(port, organization, leadId, type, step, team, at, "");
    }

    /** Publishes over HTTP; {@code extra} adds fields to the JSON (starting with a comma). */
    private void publish(int port, String organization, String leadId, String type, String step, String team,
            Instant at, String extra) throws Exception {
        publish(port, "{\"organization\":\"" + organization + "\",\"leadId\":\"" + leadId + "\",\"type\":\"" + type
                + "\"," + (step == null ? "" : "\"step\":\"" + step + "\",") + "\"team\":\"" + team
                + "\",\"actor\":\"maria\",\"occurredAt\":\"" + at + "\"" + extra + "}");
    }

    private void publish(int port, String body) throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/funnel/events"))
                .header("Content-Type", "application/json").header("Authorization", INTAKE)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    /** The lines of a live stream of {@code organization} on this port, as they come. */
    private List<String> listen(int port, String organization) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/funnel/stream?organization=" + organization)).header("Accept", "text/event-stream")
                .header("Authorization", ADMIN).GET().build();
        Thread reader = new Thread(() -> {
            try {
                HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
                response.body().forEach(lines::add);
            } catch (Exception closed) {
                // the instance stopped
            }
        }, "funnel-pair-sse");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:ready"));
        return lines;
    }

    private ConfigurableApplicationContext start(String brokers, String applicationId, int port) throws IOException {
        Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "funnel-pair-");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(FunnelApplication.class).run(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--spring.kafka.streams.application-id=" + applicationId,
                "--spring.kafka.streams.state-dir=" + stateDir,
                "--spring.kafka.streams.properties.commit.interval.ms=100",
                // a stopped instance's partitions move to the other within seconds, not the default 45
                "--spring.kafka.streams.properties.session.timeout.ms=10000",
                "--entente.topics.partitions=" + PARTITIONS,
                "--entente.api-token=" + ADMIN.substring("Bearer ".length()),
                "--entente.intake-token=" + INTAKE.substring("Bearer ".length()),
                "--entente.peer-token=funnel-pair-peer-token",
                "--entente.users[0].name=" + VIEWER,
                "--entente.users[0].password=" + PASSWORD,
                "--entente.users[0].role=sales-viewer",
                "--spring.jmx.enabled=false",
                "--logging.level.org.apache.kafka=WARN");
        instances.add(context);
        return context;
    }

    private HttpResponse<String> put(int port, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", ADMIN)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The quarter a moment falls in, as {@code Period} names it: {@code 2026-Q4}. */
    private static String quarterOf(Instant moment) {
        LocalDate day = LocalDate.ofInstant(moment, ZoneOffset.UTC);
        return day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
    }

    private boolean healthy(int port) {
        try {
            return get(port, "/actuator/health").statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json").header("Authorization", ADMIN).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The partition of the organization stores (and of the Java producer's default partitioner) for a key. */
    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }
}
