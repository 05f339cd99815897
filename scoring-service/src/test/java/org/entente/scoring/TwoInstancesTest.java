package org.entente.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.scoring.stream.BrokerHarness;
import org.entente.scoring.stream.ScoringScenarios;
import org.entente.scoring.stream.ScoringTopology;
import org.entente.testing.FormSignIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Two instances of the service share the work (one application id, one broker, each its own state folder and web
 * port). Every assessment's score is answered right on both, whichever instance owns it: the instance asked relays
 * to the owner with the peer token, so a viewer signed in with the form on one instance (a session the other knows
 * nothing of) is answered too. The caller's roles are checked by the instance it asked, before anything is relayed.
 * Then one instance stops, and after the rebalance the other answers every score itself.
 */
@EmbeddedKafka(count = 1, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class TwoInstancesTest {

    private static final int PARTITIONS = 3;
    private static final int PER_PARTITION = 2;
    private static final String PEER_TOKEN = "scoring-test-peer-token";
    private static final String INTAKE_TOKEN = "scoring-test-intake-token";
    private static final String[] SETTINGS = {
            "--entente.intake-token=" + INTAKE_TOKEN,
            "--entente.peer-token=" + PEER_TOKEN,
            "--entente.users[0].name=sales", "--entente.users[0].password=sales-secret",
            "--entente.users[0].role=sales-viewer"};

    @TempDir
    Path stateDir;

    @Test
    void everyScoreIsAnsweredRightOnBothInstancesAndOnTheSurvivor(EmbeddedKafkaBroker broker) throws Exception {
        String brokers = broker.getBrokersAsString();
        try (ScoringInstance first = ScoringInstance.start(brokers, "scoring-two-instances", stateDir.resolve("1"),
                SETTINGS);
                ScoringInstance second = ScoringInstance.start(brokers, "scoring-two-instances",
                        stateDir.resolve("2"), SETTINGS);
                BrokerHarness harness = new BrokerHarness(brokers)) {

            // Assessments on every partition, each scored differently, so each instance owns some and a wrong
            // instance's answer would show.
            Map<String, String> expectedScore = new LinkedHashMap<>();
            Map<Integer, Integer> perPartition = new HashMap<>();
            while (expectedScore.size() < PARTITIONS * PER_PARTITION) {
                String id = ScoringScenarios.newAssessmentId();
                if (perPartition.merge(partition(id), 1, Integer::sum) > PER_PARTITION) {
                    continue;
                }
                int i = expectedScore.size();
                int sales = 1 + i % 5;
                int marketing = 1 + (i + 2) % 5;
                harness.sendAssessmentEvent(id, ScoringScenarios.openedBytes(id, 1));
                harness.sendResponse(id, ScoringScenarios.responseBytes(id, "s1", BusinessFunction.SALES, Role.STAFF,
                        sales));
                harness.sendResponse(id, ScoringScenarios.responseBytes(id, "m1", BusinessFunction.MARKETING,
                        Role.STAFF, marketing));
                expectedScore.put(id, "\"score\":" + (10.0 * (sales + marketing)));
            }
            Map<ScoringInstance, FormSignIn> viewers = Map.of(
                    first, FormSignIn.as(first.baseUrl(), "sales", "sales-secret"),
                    second, FormSignIn.as(second.baseUrl(), "sales", "sales-secret"));

            Map<String, ScoringInstance> notOwnedBy = new HashMap<>();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                Set<Integer> owners = new HashSet<>();
                for (String id : expectedScore.keySet()) {
                    KeyQueryMetadata owner = first.streams().queryMetadataForKey(ScoringTopology.STORE, id,
                            Serdes.String().serializer());
                    assertThat(owner).isNotEqualTo(KeyQueryMetadata.NOT_AVAILABLE);
                    owners.add(owner.activeHost().port());
                    notOwnedBy.put(id, owner.activeHost().port() == first.port() ? second : first);
                }
                assertThat(owners).as("both instances own assessments")
                        .containsExactlyInAnyOrder(first.port(), second.port());
                for (ScoringInstance instance : List.of(first, second)) {
                    assertEveryScore(instance, viewers.get(instance), expectedScore);
                }
            });

            // The instance asked decides who may ask: a refused caller is not relayed for.
            String elsewhere = notOwnedBy.keySet().iterator().next();
            ScoringInstance relaying = notOwnedBy.get(elsewhere);
            var anonymous = relaying.get("/api/assessments/" + elsewhere + "/score", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).contains("this needs credentials");
            var intake = relaying.get("/api/assessments/" + elsewhere + "/score", "Bearer " + INTAKE_TOKEN);
            assertThat(intake.statusCode()).isEqualTo(403);
            assertThat(intake.body()).contains("Intake application", "Sales viewer");
            assertThat(viewers.get(first).get("/api/assessments/nobody/score").statusCode()).isEqualTo(404);
            assertThat(viewers.get(second).get("/api/assessments/nobody/score").statusCode()).isEqualTo(404);

            // One instance stops; once the survivor holds every partition it answers every score itself.
            second.close();
            await().atMost(Duration.ofSeconds(120)).untilAsserted(
                    () -> assertEveryScore(first, viewers.get(first), expectedScore));
        }
    }

    private static void assertEveryScore(ScoringInstance instance, FormSignIn viewer, Map<String, String> expected)
            throws Exception {
        for (Map.Entry<String, String> assessment : expected.entrySet()) {
            String path = "/api/assessments/" + assessment.getKey() + "/score";
            var asViewer = viewer.get(path);
            assertThat(asViewer.statusCode()).as("a viewer asking %d: %s", instance.port(), asViewer.body())
                    .isEqualTo(200);
            assertThat(asViewer.body()).contains("\"status\":\"SCORED\"", assessment.getValue(),
                    "\"assessmentId\":\"" + assessment.getKey() + "\"");
            var asAdmin = instance.get(path);
            assertThat(asAdmin.statusCode()).as("the admin asking %d: %s", instance.port(), asAdmin.body())
                    .isEqualTo(200);
            assertThat(asAdmin.body()).contains(assessment.getValue());
        }
    }

    /** The partition the producer's default partitioner picks for a key. */
    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }
}
