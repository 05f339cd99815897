package org.entente.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.scoring.stream.BrokerHarness;
import org.entente.scoring.stream.ScoringScenarios;
import org.entente.scoring.stream.ScoringTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.entente.testing.FormSignIn;

/**
 * Two instances of the service share the work; a score query sent to either one is answered for every assessment,
 * including those whose state lives only on the other instance. The instances relay with the peer token, so a viewer
 * signed in with the form on one instance (a session the other knows nothing of) is answered too; the caller's roles
 * are checked by the instance it asked, before anything is relayed. A third instance without the peer token cannot
 * relay a session viewer's query, and says so (503) instead of failing.
 */
@EmbeddedKafka(count = 1, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class TwoInstancesTest {

    private static final int PARTITIONS = 3;
    private static final String PEER_TOKEN = "scoring-test-peer-token";
    private static final String INTAKE_TOKEN = "scoring-test-intake-token";
    private static final String[] VIEWERS = {
            "--entente.intake-token=" + INTAKE_TOKEN,
            "--entente.users[0].name=sales", "--entente.users[0].password=sales-secret",
            "--entente.users[0].role=sales-viewer"};

    @TempDir
    Path stateDir;

    @Test
    void eitherInstanceAnswersForAnAssessmentTheOtherOwns(EmbeddedKafkaBroker broker) throws Exception {
        String brokers = broker.getBrokersAsString();
        try (ScoringInstance first = ScoringInstance.start(brokers, "scoring-two-instances", stateDir.resolve("1"),
                withPeerToken());
                ScoringInstance second = ScoringInstance.start(brokers, "scoring-two-instances",
                        stateDir.resolve("2"), withPeerToken());
                BrokerHarness harness = new BrokerHarness(brokers)) {

            // one assessment on each partition, so each instance owns at least one of them
            Map<Integer, String> byPartition = new HashMap<>();
            while (byPartition.size() < PARTITIONS) {
                String id = ScoringScenarios.newAssessmentId();
                byPartition.putIfAbsent(partition(id), id);
            }
            for (String id : byPartition.values()) {
                harness.sendAssessmentEvent(id, ScoringScenarios.openedBytes(id, 1));
                harness.sendResponse(id, ScoringScenarios.responseBytes(id, "s1", BusinessFunction.SALES, Role.STAFF, 4));
                harness.sendResponse(id, ScoringScenarios.responseBytes(id, "m1", BusinessFunction.MARKETING,
                        Role.STAFF, 2));
            }
            Map<ScoringInstance, FormSignIn> viewers = Map.of(
                    first, FormSignIn.as(first.baseUrl(), "sales", "sales-secret"),
                    second, FormSignIn.as(second.baseUrl(), "sales", "sales-secret"));

            Map<String, ScoringInstance> notOwnedBy = new HashMap<>();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                Map<Integer, Integer> owners = new HashMap<>();
                for (String id : byPartition.values()) {
                    KeyQueryMetadata owner = first.streams().queryMetadataForKey(ScoringTopology.STORE, id,
                            Serdes.String().serializer());
                    assertThat(owner).isNotEqualTo(KeyQueryMetadata.NOT_AVAILABLE);
                    owners.merge(owner.activeHost().port(), 1, Integer::sum);
                    notOwnedBy.put(id, owner.activeHost().port() == first.port() ? second : first);
                }
                assertThat(owners.keySet()).as("both instances own assessments")
                        .containsExactlyInAnyOrder(first.port(), second.port());
                for (String id : byPartition.values()) {
                    for (ScoringInstance instance : List.of(first, second)) {
                        var response = viewers.get(instance).get("/api/assessments/" + id + "/score");
                        assertThat(response.statusCode()).as("a viewer asking %d about %s", instance.port(), id)
                                .isEqualTo(200);
                        assertThat(response.body()).contains("\"status\":\"SCORED\"", "\"score\":60.0",
                                "\"assessmentId\":\"" + id + "\"");
                        assertThat(instance.get("/api/assessments/" + id + "/score").statusCode())
                                .as("the admin asking %d about %s", instance.port(), id).isEqualTo(200);
                    }
                }
            });

            // The instance asked decides who may ask: a refused caller is not relayed for, with the peer token or not.
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

            // A third instance configured without the peer token.
            try (ScoringInstance third = ScoringInstance.start(brokers, "scoring-two-instances",
                    stateDir.resolve("3"), VIEWERS)) {
                FormSignIn viewerOnThird = FormSignIn.as(third.baseUrl(), "sales", "sales-secret");
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    String held = byPartition.values().stream().filter(id -> {
                        KeyQueryMetadata owner = third.streams().queryMetadataForKey(ScoringTopology.STORE, id,
                                Serdes.String().serializer());
                        return owner != null && !KeyQueryMetadata.NOT_AVAILABLE.equals(owner)
                                && owner.activeHost().port() != third.port();
                    }).findFirst().orElseThrow();
                    var refused = viewerOnThird.get("/api/assessments/" + held + "/score");
                    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                    assertThat(refused.body()).contains("\"status\":503", "ENTENTE_PEER_TOKEN");
                    // a bearer caller's own token travels instead, and the owner accepts it
                    var admin = third.get("/api/assessments/" + held + "/score");
                    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
                    assertThat(admin.body()).contains("\"assessmentId\":\"" + held + "\"");
                });
            }
        }
    }

    private static String[] withPeerToken() {
        String[] arguments = new String[VIEWERS.length + 1];
        System.arraycopy(VIEWERS, 0, arguments, 0, VIEWERS.length);
        arguments[VIEWERS.length] = "--entente.peer-token=" + PEER_TOKEN;
        return arguments;
    }

    /** The partition the producer's default partitioner picks for a key. */
    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }
}
