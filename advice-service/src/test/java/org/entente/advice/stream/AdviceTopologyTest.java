package org.entente.advice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.avro.specific.SpecificRecord;
import org.entente.events.AdviceGenerated;
import org.entente.events.AlignmentContext;
import org.entente.events.AssessmentOpened;
import org.entente.events.FunnelMetrics;
import org.entente.events.Recommendation;
import org.entente.events.Stage;
import org.entente.events.StageClassified;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.Origin;
import org.entente.schemas.OriginPrefix;
import org.entente.schemas.SampleEvents;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdviceTopologyTest {

    private static final Duration GRACE = Duration.ofSeconds(5);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, StageClassified> stages;
    private TestInputTopic<String, SpecificRecord> assessments;
    private TestInputTopic<String, byte[]> rawStages;
    private TestInputTopic<String, FunnelMetrics> metrics;
    private TestOutputTopic<String, AdviceGenerated> advice;
    private TestOutputTopic<String, byte[]> stagesDlq;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        new AdviceTopology(GRACE).addTo(builder);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "advice-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(builder.build(), props);
        stages = driver.createInputTopic(Topics.STAGES.name(), Serdes.String().serializer(),
                Topics.STAGES.valueSerde().serializer());
        rawStages = driver.createInputTopic(Topics.STAGES.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        assessments = driver.createInputTopic(Topics.ASSESSMENTS.name(), Serdes.String().serializer(),
                Topics.ASSESSMENTS.valueSerde().serializer());
        metrics = driver.createInputTopic(Topics.FUNNEL_METRICS.name(), Serdes.String().serializer(),
                Topics.FUNNEL_METRICS.valueSerde().serializer());
        advice = driver.createOutputTopic(Topics.ADVICE.name(), Serdes.String().deserializer(),
                Topics.ADVICE.valueSerde().deserializer());
        stagesDlq = driver.createOutputTopic(Topics.STAGES.dlq(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void advisesEachNewRevisionWithTheAssessmentsContext() {
        assessments.pipeInput("a-1", opened("a-1", commoditizing()));
        stages.pipeInput("a-1", stage("a-1", 1, Stage.DEFINED, 50));
        stages.pipeInput("a-1", stage("a-1", 2, Stage.ALIGNED, 62));

        List<AdviceGenerated> out = advice.readValuesToList();

        assertThat(out).extracting(AdviceGenerated::getBasedOnRevision).containsExactly(1L, 2L);
        AdviceGenerated first = out.get(0);
        assertThat(first.getAssessmentId()).isEqualTo("a-1");
        assertThat(first.getRecommendation()).isEqualTo(Recommendation.MOVE_UP);
        assertThat(first.getTargetStage()).isEqualTo(Stage.ALIGNED);
        assertThat(first.getActions()).extracting(a -> a.getTransition()).containsOnly("DEFINED->ALIGNED");
        // Aligned with only a commoditizing market: hold.
        assertThat(out.get(1).getRecommendation()).isEqualTo(Recommendation.HOLD);
        assertThat(out.get(1).getActions()).isEmpty();
        assertThat(out.get(1).getFocus()).isNotEmpty();
    }

    @Test
    void neverAdvisesARevisionOlderThanOrEqualToOneAlreadyAdvised() {
        assessments.pipeInput("a-1", opened("a-1", commoditizing()));
        stages.pipeInput("a-1", stage("a-1", 3, Stage.DEFINED, 50));
        stages.pipeInput("a-1", stage("a-1", 2, Stage.UNDEFINED, 30));
        stages.pipeInput("a-1", stage("a-1", 3, Stage.DEFINED, 50));

        assertThat(advice.readValuesToList()).extracting(AdviceGenerated::getBasedOnRevision).containsExactly(3L);
        KeyValueStore<String, AdviceGenerated> latest = driver.getKeyValueStore(AdviceTopology.ADVICE_STORE);
        assertThat(latest.get("a-1").getCurrentStage()).isEqualTo(Stage.DEFINED);
    }

    @Test
    void aStageBeforeItsOpeningWaitsForTheContextAnswers() {
        stages.pipeInput("a-1", stage("a-1", 1, Stage.DEFINED, 50));
        assertThat(advice.isEmpty()).as("no context-less advice while the opening may still come").isTrue();
        driver.advanceWallClockTime(GRACE.minusSeconds(1));
        assessments.pipeInput("a-1", opened("a-1", commoditizing()));
        assessments.pipeInput("a-1", opened("a-1", commoditizing())); // a repeat changes nothing
        driver.advanceWallClockTime(GRACE.multipliedBy(2));

        List<AdviceGenerated> out = advice.readValuesToList();

        assertThat(out).hasSize(1);
        assertThat(out.get(0).getBasedOnRevision()).isEqualTo(1L);
        assertThat(out.get(0).getRecommendation()).isEqualTo(Recommendation.MOVE_UP);
        assertThat(String.join(" ", out.get(0).getRationale())).contains("commoditizing")
                .doesNotContain("have not arrived yet");
    }

    @Test
    void aStageWhoseOpeningDoesNotComeInTimeIsAdvisedWithoutContextThenReAdvisedWhenItArrives() {
        stages.pipeInput("a-1", stage("a-1", 1, Stage.DEFINED, 50));
        driver.advanceWallClockTime(GRACE.plusSeconds(1));
        assessments.pipeInput("a-1", opened("a-1", commoditizing()));

        List<AdviceGenerated> out = advice.readValuesToList();

        assertThat(out).hasSize(2);
        assertThat(out).extracting(AdviceGenerated::getBasedOnRevision).containsExactly(1L, 1L);
        assertThat(out.get(0).getRecommendation()).isEqualTo(Recommendation.HOLD);
        assertThat(String.join(" ", out.get(0).getRationale())).contains("have not arrived yet");
        assertThat(out.get(1).getRecommendation()).isEqualTo(Recommendation.MOVE_UP);
        assertThat(String.join(" ", out.get(1).getRationale())).contains("commoditizing")
                .doesNotContain("have not arrived yet");
    }

    @Test
    void anOpeningWithoutAStageAdvisesNothing() {
        assessments.pipeInput("a-1", opened("a-1", commoditizing()));
        assessments.pipeInput("a-1", SampleEvents.closed("a-1"));

        assertThat(advice.isEmpty()).isTrue();
    }

    @Test
    void unreadableStagesGoToTheDeadLetterTopicWithTheReason() {
        rawStages.pipeInput(new TestRecord<>("a-9", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, Instant.now()));

        TestRecord<String, byte[]> dead = stagesDlq.readRecord();
        assertThat(dead.key()).isEqualTo("a-9");
        assertThat(dead.value()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.REASON_CODE)).isEqualTo("NOT_SINGLE_OBJECT");
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.STAGES.name());
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.REJECTED_BY)).isEqualTo("advice-service");
        assertThat(advice.isEmpty()).isTrue();
    }

    @Test
    void theRepartitionCarriesTheOriginInFrontOfTheBytesAndNoHeaderOfOurs() {
        String repartition = "advice-topology-test-" + AdviceIntake.REPARTITION + "-repartition";
        TestOutputTopic<String, byte[]> crossed = driver.createOutputTopic(repartition,
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        stages.pipeInput("a-1", stage("a-1", 1, Stage.DEFINED, 50));

        TestRecord<String, byte[]> record = crossed.readRecord();
        assertThat(record.headers().toArray()).isEmpty();
        OriginPrefix.Stamped stamped = OriginPrefix.read(record.value());
        assertThat(stamped.origin()).isEqualTo(new Origin(Topics.STAGES.name(), 0, 0));
        assertThat(Topics.STAGES.valueSerde().deserializer().deserialize(Topics.STAGES.name(), stamped.original()))
                .isEqualTo(stage("a-1", 1, Stage.DEFINED, 50));
    }

    @Test
    void whatAnEarlierVersionLeftOnTheRepartitionIsStillAdvisedAndNamed() {
        String repartition = "advice-topology-test-" + AdviceIntake.REPARTITION + "-repartition";
        TestInputTopic<String, byte[]> left = driver.createInputTopic(repartition, Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        byte[] opening = Topics.ASSESSMENTS.valueSerde().serializer().serialize(Topics.ASSESSMENTS.name(),
                opened("a-1", commoditizing()));
        byte[] revision = Topics.STAGES.valueSerde().serializer().serialize(Topics.STAGES.name(),
                stage("a-1", 1, Stage.DEFINED, 50));
        left.pipeInput(new TestRecord<>("a-1", opening,
                new Origin(Topics.ASSESSMENTS.name(), 1, 7).stampOn(new RecordHeaders())));
        left.pipeInput(new TestRecord<>("a-1", revision,
                new Origin(Topics.STAGES.name(), 2, 11).stampOn(new RecordHeaders())));
        left.pipeInput(new TestRecord<>("a-2", new byte[] {(byte) 0xC3, 0x01, 9},
                new Origin(Topics.STAGES.name(), 2, 12).stampOn(new RecordHeaders())));

        assertThat(advice.readValuesToList()).extracting(AdviceGenerated::getBasedOnRevision).containsExactly(1L);
        TestRecord<String, byte[]> dead = stagesDlq.readRecord();
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.STAGES.name());
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("12");
        assertThat(dead.headers().lastHeader(Origin.HEADER)).as("our stamp does not leave the service").isNull();
    }

    @Test
    void citesTheFunnelsAlignmentSignalsWhenPresent() {
        metrics.pipeInput("acme", FunnelMetrics.newBuilder(SampleEvents.metrics()).setHandoffs(40).setRejected(18)
                .setAcceptanceRate(0.55).build());
        assessments.pipeInput("a-1", opened("a-1", AlignmentContext.newBuilder().build()));
        stages.pipeInput("a-1", stage("a-1", 1, Stage.UNDEFINED, 30));

        AdviceGenerated out = advice.readValue();

        assertThat(String.join(" ", out.getRationale())).contains("55%").contains("18 rejected");
        assertThat(out.getActions().get(0).getId()).isIn("lead-handoff-points", "common-lead-definition");
    }

    @Test
    void keepsTheOrganizationsHistory() {
        assessments.pipeInput("a-1", opened("a-1", commoditizing()));
        assessments.pipeInput("a-2", opened("a-2", commoditizing()));
        stages.pipeInput("a-1", stage("a-1", 1, Stage.UNDEFINED, 35));
        stages.pipeInput("a-2", stage("a-2", 1, Stage.DEFINED, 45));
        stages.pipeInput("a-2", stage("a-2", 2, Stage.DEFINED, 48));

        KeyValueStore<String, StageClassified> history = driver.getKeyValueStore(AdviceTopology.HISTORY_STORE);
        assertThat(history.get(HistoryRecorder.key("acme", "a-1")).getScore()).isEqualTo(35.0);
        assertThat(history.get(HistoryRecorder.key("acme", "a-2")).getScore()).isEqualTo(48.0);
    }

    static AlignmentContext commoditizing() {
        return AlignmentContext.newBuilder().setMarketCommoditizing(true).build();
    }

    static AssessmentOpened opened(String id, AlignmentContext context) {
        return AssessmentOpened.newBuilder(SampleEvents.opened(id, 3)).setContext(context).build();
    }

    static StageClassified stage(String id, long revision, Stage stage, double score) {
        return StageClassified.newBuilder(SampleEvents.classified(id)).setRevision(revision).setStage(stage)
                .setScore(score).build();
    }
}
