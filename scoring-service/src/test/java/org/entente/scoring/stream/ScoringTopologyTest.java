package org.entente.scoring.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.StageClassified;
import org.entente.schemas.SampleEvents;
import org.entente.schemas.Topics;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.web.ScoreView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoring scenarios under {@link TopologyTestDriver}: the real topology and stores, no broker. Revisions are
 * published once per commit interval of wall-clock time, so reading them first lets that time pass.
 */
class ScoringTopologyTest implements ScoringHarness {

    /** How long a response waits for its opening here; {@link #deadLetters} lets more than that pass. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> assessments;
    private TestInputTopic<String, byte[]> responses;
    private TestOutputTopic<String, byte[]> stagesOut;
    private final List<TestRecord<String, byte[]>> stagesSeen = new ArrayList<>();
    private final Map<String, List<TestRecord<String, byte[]>>> deadSeen = new HashMap<>();
    private final ScoringScenarios scenarios = new ScoringScenarios(this);

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        new ScoringTopology(Clock.fixed(Instant.parse("2026-03-03T00:00:00Z"), ZoneOffset.UTC),
                new IntakeSettings(GRACE, 100)).addTo(builder);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(builder.build(), props);
        assessments = driver.createInputTopic(Topics.ASSESSMENTS.name(), new StringSerializer(),
                new ByteArraySerializer());
        responses = driver.createInputTopic(Topics.RESPONSES.name(), new StringSerializer(), new ByteArraySerializer());
        stagesOut = driver.createOutputTopic(Topics.STAGES.name(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void scoresOnlyOnceBothFunctionsReachTheThreshold() {
        String id = scenarios.scoresOnlyOnceBothFunctionsReachTheThreshold();
        AssessmentLedger ledger = driver.<String, AssessmentLedger>getKeyValueStore(ScoringTopology.STORE).get(id);
        assertThat(ledger.revision()).isEqualTo(1);
        assertThat(ledger.respondentCount()).isEqualTo(6);
    }

    @Test
    void responsesWithinOneCommitIntervalGoOutInOneRevision() {
        String id = ScoringScenarios.newAssessmentId();
        assessments.pipeInput(id, ScoringScenarios.openedBytes(id, 1));
        responses.pipeInput(id, ScoringScenarios.responseBytes(id, "s1", BusinessFunction.SALES, Role.STAFF, 4));
        responses.pipeInput(id, ScoringScenarios.responseBytes(id, "m1", BusinessFunction.MARKETING, Role.STAFF, 2));
        assertThat(stagesOut.readRecordsToList()).as("nothing before the interval has passed").isEmpty();
        assertThat(stages(id, list -> true)).extracting(StageClassified::getRespondentCount).containsExactly(2);

        byte[] again = ScoringScenarios.responseBytes(id, "m2", BusinessFunction.MARKETING, Role.STAFF, 4);
        responses.pipeInput(id, again);
        responses.pipeInput(id, ScoringScenarios.responseBytes(id, "s2", BusinessFunction.SALES, Role.STAFF, 2));
        responses.pipeInput(id, ScoringScenarios.responseBytes(id, "s3", BusinessFunction.SALES, Role.HEAD, 3));
        List<StageClassified> stages = stages(id, list -> true);
        assertThat(stages).extracting(StageClassified::getRevision).containsExactly(1L, 2L);
        assertThat(stages.get(1).getRespondentCount()).isEqualTo(5);
        assertThat(stages.get(1).getSales().getMeanTotal()).isEqualTo(60.0);
        assertThat(stages.get(1).getMarketing().getMeanTotal()).isEqualTo(60.0);

        responses.pipeInput(id, again);
        assertThat(stages(id, list -> true)).as("a repeat changes nothing, so no revision").hasSize(2);
        AssessmentLedger ledger = driver.<String, AssessmentLedger>getKeyValueStore(ScoringTopology.STORE).get(id);
        assertThat(ledger.revision()).isEqualTo(2);
        assertThat(ScoreView.of(ledger).respondentCount()).isEqualTo(5);
    }

    @Test
    void aClosingWithinTheIntervalPublishesTheFinalRevisionAtOnceWithEverything() {
        String id = ScoringScenarios.newAssessmentId();
        assessments.pipeInput(id, ScoringScenarios.openedBytes(id, 1));
        responses.pipeInput(id, ScoringScenarios.responseBytes(id, "s1", BusinessFunction.SALES, Role.STAFF, 4));
        responses.pipeInput(id, ScoringScenarios.responseBytes(id, "m1", BusinessFunction.MARKETING, Role.STAFF, 2));
        assertThat(stages(id, list -> true)).hasSize(1);
        responses.pipeInput(id, ScoringScenarios.responseBytes(id, "m2", BusinessFunction.MARKETING, Role.STAFF, 4));
        assessments.pipeInput(id, ScoringScenarios.encode(SampleEvents.closed(id)));
        List<StageClassified> before = stagesSeenSoFar(id);
        assertThat(before).as("the final revision goes out with the closing, not at the next interval").hasSize(2);
        assertThat(before.get(1).getFinal$()).isTrue();
        assertThat(before.get(1).getRevision()).isEqualTo(2);
        assertThat(before.get(1).getRespondentCount()).isEqualTo(3);
        assertThat(stages(id, list -> true)).as("and nothing after it").hasSize(2);
    }

    @Test
    void aRepeatedResponseIdCountsOnce() {
        scenarios.aRepeatedResponseIdCountsOnce();
    }

    @Test
    void aLaterResponseReplacesTheRespondentsEarlierOne() {
        scenarios.aLaterResponseReplacesTheRespondentsEarlierOne();
    }

    @Test
    void closingPublishesTheFinalRevision() {
        scenarios.closingPublishesTheFinalRevision();
    }

    @Test
    void badMessagesGoToTheDeadLettersAndNeverChangeAScore() {
        scenarios.badMessagesGoToTheDeadLettersAndNeverChangeAScore();
    }

    @Test
    void responsesAheadOfTheirOpeningWaitForIt() {
        scenarios.responsesAheadOfTheirOpeningWaitForIt();
    }

    @Test
    void aResponseSubmittedAfterTheClosingIsLeftOutOfTheFinalRevision() {
        scenarios.aResponseSubmittedAfterTheClosingIsLeftOutOfTheFinalRevision();
    }

    @Test
    void aResponseForAnAssessmentNeverOpenedIsADeadLetterAfterTheGracePeriod() {
        scenarios.aResponseForAnAssessmentNeverOpenedIsADeadLetterAfterTheGracePeriod();
    }

    @Test
    void aResponseWaitsNoLongerThanTheGracePeriod() {
        String id = ScoringScenarios.newAssessmentId();
        responses.pipeInput(id, ScoringScenarios.responseBytes(id, "s1", BusinessFunction.SALES, Role.STAFF, 4));
        driver.advanceWallClockTime(GRACE.minusSeconds(2));
        assertThat(driver.createOutputTopic(Topics.RESPONSES.dlq(), new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList()).as("still waiting").isEmpty();
        assertThat(driver.getKeyValueStore(ScoringTopology.PARKED).approximateNumEntries()).isEqualTo(1);
        driver.advanceWallClockTime(Duration.ofSeconds(3));
        var dead = deadLetters(Topics.RESPONSES.dlq(), id, list -> true);
        assertThat(ScoringScenarios.reasonCodes(dead)).containsExactly("UNKNOWN_ASSESSMENT");
        assessments.pipeInput(id, ScoringScenarios.openedBytes(id, 1));
        assertThat(driver.getKeyValueStore(ScoringTopology.PARKED).approximateNumEntries())
                .as("an opening after the grace period finds nothing parked").isZero();
    }

    @Test
    void aParkedResponseKeepsItsHeadersAndBytes() {
        byte[] bytes = ScoringScenarios.responseBytes("a-1", "s1", BusinessFunction.SALES, Role.STAFF, 4);
        var record = new org.apache.kafka.streams.processor.api.Record<>("a-1", bytes, 42L,
                new org.apache.kafka.common.header.internals.RecordHeaders().add("trace", new byte[] {7}));
        var parked = ParkedResponses.decode("k", "a-1", ParkedResponses.encode(record, 99L));
        assertThat(parked.record().value()).isEqualTo(bytes);
        assertThat(parked.record().timestamp()).isEqualTo(42L);
        assertThat(parked.record().headers().lastHeader("trace").value()).containsExactly(7);
        assertThat(parked.parkedAt()).isEqualTo(99L);
    }

    @Test
    void aResponseWrittenAsRawBytesByAnotherClientIsScored() {
        scenarios.aResponseWrittenAsRawBytesByAnotherClientIsScored();
    }

    @Test
    void changesSmallerThanTheThresholdWaitAndTheRemainderIsHeldBackAtTheClose() {
        scenarios.changesSmallerThanTheThresholdWaitAndTheRemainderIsHeldBackAtTheClose();
    }

    @Test
    void aNewcomersAnswersCannotBeRecomputedFromConsecutiveRevisions() {
        scenarios.aNewcomersAnswersCannotBeRecomputedFromConsecutiveRevisions();
    }

    @Test
    void eachRevisionWaitsForTheThresholdOfChangedRespondents() {
        String id = ScoringScenarios.newAssessmentId();
        assessments.pipeInput(id, ScoringScenarios.openedBytes(id, 3));
        for (int i = 1; i <= 3; i++) {
            responses.pipeInput(id, ScoringScenarios.responseBytes(id, "s" + i, BusinessFunction.SALES, Role.STAFF, 3));
            responses.pipeInput(id, ScoringScenarios.responseBytes(id, "m" + i, BusinessFunction.MARKETING, Role.STAFF,
                    3));
        }
        assertThat(stages(id, list -> true)).hasSize(1);
        for (int i = 4; i <= 5; i++) {
            responses.pipeInput(id, ScoringScenarios.responseBytes(id, "s" + i, BusinessFunction.SALES, Role.STAFF, 4));
            assertThat(stages(id, list -> true)).as("Sales changed by %d", i - 3).hasSize(1);
        }
        responses.pipeInput(id, ScoringScenarios.responseBytes(id, "m4", BusinessFunction.MARKETING, Role.STAFF, 4));
        responses.pipeInput(id, ScoringScenarios.responseBytes(id, "s6", BusinessFunction.SALES, Role.STAFF, 4));
        List<StageClassified> stages = stages(id, list -> true);
        assertThat(stages).hasSize(2);
        assertThat(stages.get(1).getSales().getRespondentCount()).as("Sales changed by 3: shown").isEqualTo(6);
        assertThat(stages.get(1).getMarketing().getRespondentCount()).as("Marketing by 1: held").isEqualTo(3);
        assertThat(stages.get(1).getHeldBack()).isEqualTo(1);
        AssessmentLedger ledger = driver.<String, AssessmentLedger>getKeyValueStore(ScoringTopology.STORE).get(id);
        assertThat(ScoreView.of(ledger).respondentCount()).as("the score served is the published one").isEqualTo(9);

        assessments.pipeInput(id, ScoringScenarios.encode(SampleEvents.closed(id)));
        StageClassified last = stagesSeenSoFar(id).get(2);
        assertThat(last.getFinal$()).isTrue();
        assertThat(last.getRespondentCount()).isEqualTo(9);
        assertThat(last.getHeldBack()).isEqualTo(1);
        ScoreView view = ScoreView.of(driver.<String, AssessmentLedger>getKeyValueStore(ScoringTopology.STORE).get(id));
        assertThat(view.respondentCount()).isEqualTo(9);
        assertThat(view.heldBack()).isEqualTo(1);
        assertThat(view.named()).isFalse();
    }

    @Test
    void closingBelowTheThresholdPublishesNothingAndTheViewSaysSo() {
        String id = ScoringScenarios.newAssessmentId();
        assessments.pipeInput(id, ScoringScenarios.openedBytes(id, 2));
        responses.pipeInput(id, ScoringScenarios.responseBytes(id, "s1", BusinessFunction.SALES, Role.STAFF, 4));
        responses.pipeInput(id, ScoringScenarios.responseBytes(id, "s2", BusinessFunction.SALES, Role.STAFF, 4));
        responses.pipeInput(id, ScoringScenarios.responseBytes(id, "m1", BusinessFunction.MARKETING, Role.HEAD, 2));
        assessments.pipeInput(id, ScoringScenarios.encode(SampleEvents.closed(id)));
        assertThat(stages(id, list -> true)).isEmpty();
        AssessmentLedger ledger = driver.<String, AssessmentLedger>getKeyValueStore(ScoringTopology.STORE).get(id);
        ScoreView view = ScoreView.of(ledger);
        assertThat(view.status()).isEqualTo(ScoreView.WAITING);
        assertThat(view.closed()).isTrue();
        assertThat(view.score()).isNull();
        assertThat(view.waitingFor()).isEqualTo(new ScoreView.WaitingView(0, 1));
        assertThat(view.message()).isEqualTo("closed without enough responses to show a score anonymously: "
                + "it was still waiting for 1 more response from Marketing");
    }

    @Test
    void theStoredLedgerSurvivesItsOwnEncoding() {
        String id = scenarios.scoresOnlyOnceBothFunctionsReachTheThreshold();
        AssessmentLedger ledger = driver.<String, AssessmentLedger>getKeyValueStore(ScoringTopology.STORE).get(id);
        var serde = StoredState.ledgers();
        byte[] bytes = serde.serializer().serialize("t", ledger);
        AssessmentLedger copy = serde.deserializer().deserialize("t", bytes);
        assertThat(copy.terms()).isEqualTo(ledger.terms());
        assertThat(copy.counted()).isEqualTo(ledger.counted());
        assertThat(copy.published()).isEqualTo(ledger.published());
        assertThat(copy.revision()).isEqualTo(ledger.revision());
        assertThat(copy.isClosed()).isEqualTo(ledger.isClosed());
        assertThat(copy.classification()).isPresent().isEqualTo(ledger.classification());
        assertThat(bytes).as("a few hundred bytes, however many respondents").hasSizeLessThan(400);
    }

    @Test
    void undecodableAssessmentEventsGoToTheirOwnDeadLetters() {
        assessments.pipeInput("a-x", new byte[] {(byte) 0xC3, 1, 0});
        var dead = deadLetters(Topics.ASSESSMENTS.dlq(), "a-x", list -> true);
        assertThat(ScoringScenarios.reasonCodes(dead)).containsExactly("TRUNCATED");
    }

    @Override
    public void sendAssessmentEvent(String key, byte[] value) {
        assessments.pipeInput(key, value);
    }

    @Override
    public void sendResponse(String key, byte[] value) {
        responses.pipeInput(key, value);
    }

    /** Lets one commit interval (and more) of wall-clock time pass, then reads the revisions. */
    @Override
    public List<StageClassified> stages(String assessmentId, Predicate<List<StageClassified>> done) {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        return stagesSeenSoFar(assessmentId);
    }

    private List<StageClassified> stagesSeenSoFar(String assessmentId) {
        stagesSeen.addAll(stagesOut.readRecordsToList());
        return stagesSeen.stream()
                .filter(r -> assessmentId.equals(r.key()))
                .map(r -> Topics.STAGES.valueSerde().deserializer().deserialize(Topics.STAGES.name(), r.value()))
                .toList();
    }

    @Override
    public List<DeadLetter> deadLetters(String dlqTopic, String key, Predicate<List<DeadLetter>> done) {
        driver.advanceWallClockTime(GRACE.plusSeconds(2)); // parked responses whose opening never came expire
        List<TestRecord<String, byte[]>> seen = deadSeen.computeIfAbsent(dlqTopic, t -> new ArrayList<>());
        seen.addAll(driver.createOutputTopic(dlqTopic, new StringDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList());
        return seen.stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> new DeadLetter(r.key(), r.value(), r.headers()))
                .toList();
    }
}
