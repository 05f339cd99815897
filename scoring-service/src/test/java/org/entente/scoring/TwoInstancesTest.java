package org.entente.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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

/**
 * Two instances of the service share the work; a score query sent to either one is answered for every assessment,
 * including those whose state lives only on the other instance.
 */
@EmbeddedKafka(count = 1, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class TwoInstancesTest {

    private static final int PARTITIONS = 3;

    @TempDir
    Path stateDir;

    @Test
    void eitherInstanceAnswersForAnAssessmentTheOtherOwns(EmbeddedKafkaBroker broker) throws Exception {
        String brokers = broker.getBrokersAsString();
        try (ScoringInstance first = ScoringInstance.start(brokers, "scoring-two-instances", stateDir.resolve("1"));
                ScoringInstance second = ScoringInstance.start(brokers, "scoring-two-instances", stateDir.resolve("2"));
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

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                Map<Integer, Integer> owners = new HashMap<>();
                for (String id : byPartition.values()) {
                    KeyQueryMetadata owner = first.streams().queryMetadataForKey(ScoringTopology.STORE, id,
                            Serdes.String().serializer());
                    assertThat(owner).isNotEqualTo(KeyQueryMetadata.NOT_AVAILABLE);
                    owners.merge(owner.activeHost().port(), 1, Integer::sum);
                }
                assertThat(owners.keySet()).as("both instances own assessments")
                        .containsExactlyInAnyOrder(first.port(), second.port());
                for (String id : byPartition.values()) {
                    for (ScoringInstance instance : new ScoringInstance[] {first, second}) {
                        var response = instance.get("/api/assessments/" + id + "/score");
                        assertThat(response.statusCode()).as("asking %d about %s", instance.port(), id).isEqualTo(200);
                        assertThat(response.body()).contains("\"status\":\"SCORED\"", "\"score\":60.0",
                                "\"assessmentId\":\"" + id + "\"");
                    }
                }
            });
            assertThat(first.get("/api/assessments/nobody/score").statusCode()).isEqualTo(404);
            assertThat(second.get("/api/assessments/nobody/score").statusCode()).isEqualTo(404);
        }
    }

    /** The partition the producer's default partitioner picks for a key. */
    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }
}
