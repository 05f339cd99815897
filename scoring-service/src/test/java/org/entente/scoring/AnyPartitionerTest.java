package org.entente.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.StageClassified;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.Topics;
import org.entente.scoring.stream.BrokerHarness;
import org.entente.scoring.stream.ScoringHarness.DeadLetter;
import org.entente.scoring.stream.ScoringScenarios;
import org.entente.testing.Crc32Partitioner;
import org.entente.testing.RawProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The service fed as in production by two kinds of client: survey-service's Java producer (murmur2, the Java
 * default) publishes the openings, and an application on librdkafka (CRC32; stood in for by
 * {@link Crc32Partitioner}) publishes the responses straight onto the topic. With four partitions, about three
 * assessments in four land on different partitions in the two topics. Every valid response must be scored and none
 * dead-lettered; a response for an assessment never opened ends in the dead letters, but only after the grace
 * period.
 */
@EmbeddedKafka(count = 1, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class AnyPartitionerTest {

    private static final int PARTITIONS = 4;
    private static final int ASSESSMENTS = 16;
    private static final Duration GRACE = Duration.ofSeconds(4);

    @TempDir
    Path stateDir;

    @Test
    void responsesFromAnotherPartitionerAreAllScored(EmbeddedKafkaBroker broker) throws Exception {
        String brokers = broker.getBrokersAsString();
        try (ScoringInstance scoring = ScoringInstance.start(brokers, "scoring-any-partitioner", stateDir,
                "--entente.topics.partitions=" + PARTITIONS,
                "--entente.scoring.unknown-assessment-grace=" + GRACE.toSeconds() + "s");
                RawProducer survey = RawProducer.javaDefault(brokers);
                RawProducer otherApp = RawProducer.likeLibrdkafka(brokers);
                BrokerHarness harness = new BrokerHarness(brokers)) {

            List<String> ids = new ArrayList<>();
            int elsewhere = 0;
            for (int i = 0; i < ASSESSMENTS; i++) {
                String id = ScoringScenarios.newAssessmentId();
                ids.add(id);
                if (Crc32Partitioner.javaPartitionFor(id, PARTITIONS)
                        != Crc32Partitioner.partitionFor(id, PARTITIONS)) {
                    elsewhere++;
                }
                // as survey-service does: the opening first, acknowledged before any response can be sent
                survey.send(Topics.ASSESSMENTS.name(), id, ScoringScenarios.openedBytes(id, 1));
                otherApp.send(Topics.RESPONSES.name(), id,
                        ScoringScenarios.responseBytes(id, "s1", BusinessFunction.SALES, Role.STAFF, 4));
                otherApp.send(Topics.RESPONSES.name(), id,
                        ScoringScenarios.responseBytes(id, "m1", BusinessFunction.MARKETING, Role.STAFF, 2));
            }
            assertThat(elsewhere).as("assessments whose responses land on another partition than their opening")
                    .isGreaterThanOrEqualTo(4);

            for (String id : ids) {
                List<StageClassified> stages = harness.stages(id, list -> ScoringScenarios.lastCounts(list, 2));
                StageClassified last = stages.get(stages.size() - 1);
                assertThat(last.getScore()).as(id).isEqualTo((80.0 + 40.0) / 2);
            }
            // longer than the grace period: a response parked and never taken back would be a dead letter by now
            Thread.sleep(GRACE.plusSeconds(2).toMillis());
            List<DeadLetter> dead = new ArrayList<>(harness.allDeadLettersNow(Topics.RESPONSES.dlq()));
            dead.addAll(harness.allDeadLettersNow(Topics.ASSESSMENTS.dlq()));
            assertThat(dead).extracting(DeadLetter::key).doesNotContainAnyElementsOf(ids);

            String nowhere = ScoringScenarios.newAssessmentId();
            long sent = System.nanoTime();
            otherApp.send(Topics.RESPONSES.name(), nowhere,
                    ScoringScenarios.responseBytes(nowhere, "s1", BusinessFunction.SALES, Role.STAFF, 4));
            List<DeadLetter> orphans = harness.deadLetters(Topics.RESPONSES.dlq(), nowhere, list -> !list.isEmpty());
            Duration waited = Duration.ofNanos(System.nanoTime() - sent);
            assertThat(orphans).extracting(d -> DeadLetters.read(d.headers(), DeadLetters.REASON_CODE))
                    .containsExactly("UNKNOWN_ASSESSMENT");
            assertThat(DeadLetters.read(orphans.get(0).headers(), DeadLetters.SOURCE_PARTITION))
                    .as("the partition it was published to, not the repartition topic's")
                    .isEqualTo(Integer.toString(Crc32Partitioner.partitionFor(nowhere, PARTITIONS)));
            assertThat(waited).as("a dead letter only after the grace period").isGreaterThanOrEqualTo(GRACE);
        }
    }

}
