package org.entente.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.StageClassified;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.Topics;
import org.entente.scoring.stream.BrokerHarness;
import org.entente.scoring.stream.ScoringScenarios;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The service is stopped while responses (good ones, repeats and poison pills) are still arriving and a new
 * instance with an empty state folder takes over: it restores the ledgers from Kafka and carries on, so that every
 * good response counts exactly once, every bad one is a dead letter, and the revisions run on without a gap or a
 * repeat (1, 2, 3…; responses within one commit interval may share one).
 */
@EmbeddedKafka(count = 1, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class RestartTest {

    private static final int RESPONDENTS = 60;

    @TempDir
    Path stateDir;

    private ScoringInstance closeAtTheEnd;

    @AfterEach
    void stopWhatIsLeft() {
        if (closeAtTheEnd != null) {
            closeAtTheEnd.close();
        }
    }

    @Test
    void aRestartMidStreamLosesNothingAndCountsNothingTwice(EmbeddedKafkaBroker broker) throws Exception {
        String brokers = broker.getBrokersAsString();
        String id = ScoringScenarios.newAssessmentId();
        List<byte[]> messages = new ArrayList<>();
        List<byte[]> goodOnes = new ArrayList<>();
        int badOnes = 0;
        long salesSum = 0;
        long marketingSum = 0;
        for (int i = 0; i < RESPONDENTS; i++) {
            boolean sales = i % 2 == 0;
            int rating = 1 + i % 5;
            byte[] good = ScoringScenarios.responseBytes(id, "r" + i,
                    sales ? BusinessFunction.SALES : BusinessFunction.MARKETING, Role.STAFF, rating);
            messages.add(good);
            goodOnes.add(good);
            if (sales) {
                salesSum += 20L * rating;
            } else {
                marketingSum += 20L * rating;
            }
            if (i % 7 == 3) {
                messages.add(new byte[] {(byte) 0xC3, 0x01, 9, 9}); // a poison pill
                badOnes++;
            }
            if (i % 9 == 5) {
                messages.add(goodOnes.get(i / 2)); // a repeat of an earlier response
            }
        }

        try (BrokerHarness harness = new BrokerHarness(brokers)) {
            ScoringInstance first = ScoringInstance.start(brokers, "scoring-restart", stateDir.resolve("first"));
            closeAtTheEnd = first;
            harness.sendAssessmentEvent(id, ScoringScenarios.openedBytes(id, 1)); // named: every change goes out
            int half = messages.size() / 2;
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                for (byte[] message : messages.subList(0, half)) {
                    harness.sendResponse(id, message);
                    sleep(25);
                }
            });
            harness.stages(id, list -> !list.isEmpty());
            first.close(); // most likely while the first half is still arriving
            sending.get();
            for (byte[] message : messages.subList(half, messages.size())) {
                harness.sendResponse(id, message); // while no instance runs
            }

            try (ScoringInstance second = ScoringInstance.start(brokers, "scoring-restart",
                    stateDir.resolve("second"))) {
                for (int i = 0; i < 5; i++) {
                    harness.sendResponse(id, goodOnes.get(i)); // repeats after the restart
                }
                List<StageClassified> stages = harness.stages(id,
                        list -> !list.isEmpty() && list.get(list.size() - 1).getRespondentCount() == RESPONDENTS);

                // revisions run 1, 2, 3… across the restart, without a gap or a repeat (responses within one commit
                // interval may share a revision, so how many there are depends on timing), and none counts more
                // respondents than the one after it
                ScoringScenarios.assertRevisionsRunOnByOne(stages);
                assertThat(stages).extracting(StageClassified::getRespondentCount).isSorted();
                StageClassified last = stages.get(stages.size() - 1);
                assertThat(last.getRespondentCount()).isEqualTo(RESPONDENTS);
                assertThat(last.getSales().getRespondentCount()).isEqualTo(RESPONDENTS / 2);
                assertThat(last.getSales().getMeanTotal()).isEqualTo((double) salesSum / (RESPONDENTS / 2));
                assertThat(last.getMarketing().getMeanTotal()).isEqualTo((double) marketingSum / (RESPONDENTS / 2));

                int expectedBad = badOnes;
                var dead = harness.deadLetters(Topics.RESPONSES.dlq(), id, list -> list.size() >= expectedBad);
                assertThat(dead).hasSize(badOnes);
                assertThat(dead).allSatisfy(d ->
                        assertThat(DeadLetters.read(d.headers(), DeadLetters.REASON_CODE)).isEqualTo("TRUNCATED"));

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        second.get("/api/assessments/" + id + "/score").body())
                        .contains("\"respondentCount\":" + RESPONDENTS, "\"revision\":" + last.getRevision()));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
