package org.entente.scoring.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.Stage;
import org.entente.events.StageClassified;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.EventSerde;
import org.entente.schemas.Origin;
import org.entente.schemas.SampleEvents;
import org.entente.schemas.SchemaHistory;
import org.entente.schemas.Topics;
import org.entente.scoring.stream.ScoringHarness.DeadLetter;

/**
 * The scoring scenarios, written once and run under every harness (the topology test driver and the embedded
 * broker). Each scenario uses its own assessment id, so scenarios may share one broker.
 */
public final class ScoringScenarios {

    private final ScoringHarness harness;

    public ScoringScenarios(ScoringHarness harness) {
        this.harness = harness;
    }

    public static String newAssessmentId() {
        return "a-" + UUID.randomUUID();
    }

    /**
     * Threshold 3: nothing until both functions have three respondents, then one revision with the balanced score.
     * An opening asking for 2 is held to 3, as the assessment is not named.
     */
    public String scoresOnlyOnceBothFunctionsReachTheThreshold() {
        String id = newAssessmentId();
        open(id, 2);
        respond(id, "s1", BusinessFunction.SALES, Role.STAFF, 4);     // total 80
        respond(id, "s2", BusinessFunction.SALES, Role.STAFF, 4);     // total 80
        respond(id, "s3", BusinessFunction.SALES, Role.HEAD, 3);      // total 60
        respond(id, "m1", BusinessFunction.MARKETING, Role.STAFF, 1); // total 20
        respond(id, "m2", BusinessFunction.MARKETING, Role.STAFF, 3); // total 60
        assertThat(harness.stages(id, list -> true)).as("two in Marketing are not enough").isEmpty();
        respond(id, "m3", BusinessFunction.MARKETING, Role.STAFF, 3); // total 60
        List<StageClassified> stages = harness.stages(id, list -> !list.isEmpty());
        assertThat(stages).hasSize(1);
        StageClassified first = stages.get(0);
        assertThat(first.getRevision()).isEqualTo(1);
        assertThat(first.getFinal$()).isFalse();
        // Sales mean (80+80+60)/3 = 73.33, Marketing (20+60+60)/3 = 46.67: the score is their mean, 60
        assertThat(first.getSales().getMeanTotal()).isEqualTo(220.0 / 3);
        assertThat(first.getMarketing().getMeanTotal()).isEqualTo(140.0 / 3);
        assertThat(first.getScore()).isEqualTo((220.0 / 3 + 140.0 / 3) / 2);
        assertThat(first.getStage()).isEqualTo(Stage.ALIGNED);
        assertThat(first.getNearBoundary()).isTrue();
        assertThat(first.getPerceptionGap()).isEqualTo(220.0 / 3 - 140.0 / 3);
        assertThat(first.getRespondentCount()).isEqualTo(6);
        assertThat(first.getStatements()).hasSize(20);
        assertThat(first.getStatements().get(0).getMarketingMean()).isEqualTo(7.0 / 3);
        assertThat(first.getHeldBack()).isZero();
        assertThat(first.getNamed()).isFalse();
        // anonymous: a head is one person per function, never broken out
        assertThat(first.getHeads()).isNull();
        assertThat(first.getStaff()).isNull();
        return id;
    }

    /**
     * A repeated responseId changes nothing; the last revision counts every respondent once. (Responses that
     * arrive within one commit interval may go out in one revision, so how many revisions there are depends on
     * timing; that they run 1, 2, 3… does not.)
     */
    public void aRepeatedResponseIdCountsOnce() {
        String id = newAssessmentId();
        openNamed(id, 1);
        byte[] sales = encode(response(id, "s1", BusinessFunction.SALES, Role.STAFF, 4));
        harness.sendResponse(id, sales);
        respond(id, "m1", BusinessFunction.MARKETING, Role.STAFF, 2);
        harness.sendResponse(id, sales);
        harness.sendResponse(id, sales);
        respond(id, "m2", BusinessFunction.MARKETING, Role.STAFF, 4);
        List<StageClassified> stages = harness.stages(id, list -> lastCounts(list, 3));
        assertRevisionsRunOnByOne(stages);
        assertThat(stages).allSatisfy(s -> assertThat(s.getSales().getRespondentCount()).isEqualTo(1));
        StageClassified last = stages.get(stages.size() - 1);
        assertThat(last.getRespondentCount()).isEqualTo(3);
        assertThat(last.getMarketing().getRespondentCount()).isEqualTo(2);
        assertThat(last.getScore()).isEqualTo((80.0 + 60.0) / 2);
    }

    /** A respondent who answers again replaces their first answers; the count does not grow. */
    public void aLaterResponseReplacesTheRespondentsEarlierOne() {
        String id = newAssessmentId();
        openNamed(id, 1);
        respond(id, "s1", BusinessFunction.SALES, Role.STAFF, 2);
        respond(id, "m1", BusinessFunction.MARKETING, Role.STAFF, 2);
        SurveyResponseSubmitted again = response(id, "s1", BusinessFunction.SALES, Role.STAFF, 5);
        again.setSubmittedAt(SampleEvents.AT.plusSeconds(60));
        harness.sendResponse(id, encode(again));
        List<StageClassified> stages = harness.stages(id,
                list -> !list.isEmpty() && list.get(list.size() - 1).getSales().getMeanTotal() == 100.0);
        assertRevisionsRunOnByOne(stages);
        assertThat(stages).allSatisfy(s -> assertThat(s.getRespondentCount()).isEqualTo(2));
        StageClassified last = stages.get(stages.size() - 1);
        assertThat(last.getSales().getMeanTotal()).isEqualTo(100.0);
        assertThat(last.getScore()).isEqualTo(70.0);
    }

    /** Closing publishes the final revision; a response after it goes to the dead letters. */
    public void closingPublishesTheFinalRevision() {
        String id = newAssessmentId();
        openNamed(id, 1);
        respond(id, "s1", BusinessFunction.SALES, Role.HEAD, 4);
        respond(id, "m1", BusinessFunction.MARKETING, Role.HEAD, 4);
        harness.sendAssessmentEvent(id, encode(SampleEvents.closed(id)));
        byte[] late = encode(response(id, "s2", BusinessFunction.SALES, Role.STAFF, 1));
        harness.sendResponse(id, late);
        List<StageClassified> stages = harness.stages(id,
                list -> !list.isEmpty() && list.get(list.size() - 1).getFinal$());
        assertRevisionsRunOnByOne(stages);
        StageClassified last = stages.get(stages.size() - 1);
        assertThat(stages.subList(0, stages.size() - 1)).noneMatch(StageClassified::getFinal$);
        assertThat(last.getFinal$()).isTrue();
        assertThat(last.getRespondentCount()).isEqualTo(2);
        assertThat(last.getScore()).isEqualTo(80.0);
        assertThat(last.getStage()).isEqualTo(Stage.INTEGRATED);
        // a named assessment (threshold 1): the company chose not to be anonymous, so heads are shown
        assertThat(last.getNamed()).isTrue();
        assertThat(last.getHeads().getMeanTotal()).isEqualTo(80.0);
        assertThat(last.getHeldBack()).isZero();
        List<DeadLetter> dead = harness.deadLetters(Topics.RESPONSES.dlq(), id, list -> !list.isEmpty());
        assertThat(reasonCodes(dead)).containsExactly("ASSESSMENT_CLOSED");
        assertThat(dead.get(0).value()).isEqualTo(late);
    }

    /** Bad messages interleaved with good ones: every good one counts once, every bad one is a dead letter. */
    public void badMessagesGoToTheDeadLettersAndNeverChangeAScore() {
        String id = newAssessmentId();
        openNamed(id, 1);
        respond(id, "s1", BusinessFunction.SALES, Role.STAFF, 3);
        harness.sendResponse(id, new byte[] {1, 2, 3});                                   // TRUNCATED
        byte[] unknownFingerprint = EventSerde.header(0x1234_5678_9ABC_DEF0L);
        harness.sendResponse(id, concat(unknownFingerprint, new byte[] {2, 4, 6}));     // UNKNOWN_FINGERPRINT
        SurveyResponseSubmitted shortOne = response(id, "s2", BusinessFunction.SALES, Role.STAFF, 5);
        shortOne.setAnswers(new ArrayList<>(Collections.nCopies(19, 5)));
        harness.sendResponse(id, encode(shortOne));                                      // WRONG_ANSWER_COUNT
        SurveyResponseSubmitted sixes = response(id, "s3", BusinessFunction.SALES, Role.STAFF, 5);
        sixes.getAnswers().set(4, 6);
        harness.sendResponse(id, encode(sixes));                                         // ANSWER_OUT_OF_RANGE
        respond(id, "m1", BusinessFunction.MARKETING, Role.STAFF, 1);
        harness.sendResponse(id, "not avro at all".getBytes(StandardCharsets.UTF_8));   // NOT_SINGLE_OBJECT
        respond(id, "m2", BusinessFunction.MARKETING, Role.STAFF, 5);
        harness.sendResponse(id, encode(SampleEvents.opened(id, 1)));                     // UNEXPECTED_TYPE

        String nowhere = newAssessmentId();
        byte[] orphan = encode(response(nowhere, "s9", BusinessFunction.SALES, Role.STAFF, 3));
        harness.sendResponse(nowhere, orphan);                                             // UNKNOWN_ASSESSMENT

        List<StageClassified> stages = harness.stages(id, list -> lastCounts(list, 3));
        assertRevisionsRunOnByOne(stages);
        StageClassified last = stages.get(stages.size() - 1);
        assertThat(last.getSales().getRespondentCount()).isEqualTo(1);
        assertThat(last.getSales().getMeanTotal()).isEqualTo(60.0);
        assertThat(last.getMarketing().getMeanTotal()).isEqualTo(60.0);

        List<DeadLetter> dead = harness.deadLetters(Topics.RESPONSES.dlq(), id, list -> list.size() >= 6);
        // what does not decode is rejected before the repartition, the rest after it: the two groups may interleave
        assertThat(reasonCodes(dead)).containsExactlyInAnyOrder("TRUNCATED", "UNKNOWN_FINGERPRINT",
                "WRONG_ANSWER_COUNT", "ANSWER_OUT_OF_RANGE", "NOT_SINGLE_OBJECT", "UNEXPECTED_TYPE");
        DeadLetter first = withCode(dead, "TRUNCATED");
        assertThat(first.value()).containsExactly(1, 2, 3);
        assertThat(DeadLetters.read(first.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.RESPONSES.name());
        assertThat(DeadLetters.read(first.headers(), DeadLetters.SOURCE_PARTITION)).matches("\\d+");
        assertThat(DeadLetters.read(first.headers(), DeadLetters.SOURCE_OFFSET)).matches("\\d+");
        assertThat(DeadLetters.read(first.headers(), DeadLetters.REJECTED_BY)).isEqualTo("scoring-service");
        DeadLetter wrongCount = withCode(dead, "WRONG_ANSWER_COUNT");
        assertThat(DeadLetters.read(wrongCount.headers(), DeadLetters.REASON))
                .isEqualTo("must have 20 answers, one per statement, but has 19");
        assertThat(DeadLetters.read(wrongCount.headers(), DeadLetters.SOURCE_TOPIC))
                .as("rejected after the repartition, it still names the topic it was published to")
                .isEqualTo(Topics.RESPONSES.name());
        assertThat(wrongCount.headers().lastHeader(Origin.HEADER)).as("scoring's own bookkeeping stays inside")
                .isNull();

        List<DeadLetter> orphans = harness.deadLetters(Topics.RESPONSES.dlq(), nowhere, list -> !list.isEmpty());
        assertThat(reasonCodes(orphans)).containsExactly("UNKNOWN_ASSESSMENT");
        assertThat(orphans.get(0).value()).isEqualTo(orphan);
    }

    /**
     * A response another application wrote without our Java classes: single-object bytes built by hand from the
     * kept .avsc with Avro's generic API, counted like any other.
     */
    public void aResponseWrittenAsRawBytesByAnotherClientIsScored() {
        String id = newAssessmentId();
        openNamed(id, 1);
        respond(id, "m1", BusinessFunction.MARKETING, Role.STAFF, 3);
        harness.sendResponse(id, rawResponse(id, "crm-7", "SALES", 5));
        List<StageClassified> stages = harness.stages(id, list -> !list.isEmpty());
        assertThat(stages).hasSize(1);
        assertThat(stages.get(0).getSales().getMeanTotal()).isEqualTo(100.0);
        assertThat(stages.get(0).getScore()).isEqualTo(80.0);
    }

    /**
     * The rule against differencing: after the first revision, Sales changes by one, two, then three respondents
     * (a newcomer, another, and a respondent answering again); only the third change goes out. Marketing's single
     * late newcomer is held back at the close, and the final revision says so.
     */
    public void changesSmallerThanTheThresholdWaitAndTheRemainderIsHeldBackAtTheClose() {
        String id = newAssessmentId();
        open(id, 3);
        for (int i = 1; i <= 3; i++) {
            respond(id, "s" + i, BusinessFunction.SALES, Role.STAFF, 3);     // totals 60
            respond(id, "m" + i, BusinessFunction.MARKETING, Role.STAFF, 2); // totals 40
        }
        StageClassified first = harness.stages(id, list -> !list.isEmpty()).get(0);
        assertThat(first.getSales().getRespondentCount()).isEqualTo(3);
        assertThat(first.getMarketing().getRespondentCount()).isEqualTo(3);

        respond(id, "s4", BusinessFunction.SALES, Role.STAFF, 5);            // 100
        respond(id, "s5", BusinessFunction.SALES, Role.STAFF, 4);            // 80
        SurveyResponseSubmitted again = response(id, "s1", BusinessFunction.SALES, Role.STAFF, 1);
        again.setSubmittedAt(SampleEvents.AT.plusSeconds(60));               // s1 now 20
        harness.sendResponse(id, encode(again));
        respond(id, "m4", BusinessFunction.MARKETING, Role.STAFF, 5);        // one late newcomer
        harness.sendAssessmentEvent(id, encode(SampleEvents.closed(id)));

        List<StageClassified> stages = harness.stages(id,
                list -> !list.isEmpty() && list.get(list.size() - 1).getFinal$());
        assertRevisionsRunOnByOne(stages);
        assertThat(stages.get(0)).isEqualTo(first);
        assertThat(stages).as("no revision shows Sales changed by fewer than three")
                .noneMatch(s -> s.getSales().getRespondentCount() == 4);
        assertThat(stages).as("nor Marketing's one late newcomer")
                .allMatch(s -> s.getMarketing().getRespondentCount() == 3);
        assertThat(stages.subList(1, stages.size()))
                .allSatisfy(s -> assertThat(s.getSales().getMeanTotal()).isEqualTo((20.0 + 60 + 60 + 100 + 80) / 5));
        StageClassified last = stages.get(stages.size() - 1);
        assertThat(last.getMarketing().getMeanTotal()).isEqualTo(40.0);
        assertThat(last.getRespondentCount()).isEqualTo(8);
        assertThat(last.getHeldBack()).isEqualTo(1);
        assertNoNewcomerCanBeRecomputed(stages, Collections.nCopies(20, 5));
    }

    /**
     * The case reported: threshold 3, three Sales and three Marketing respondents, then one more from Sales, then the
     * close. Subtracting two consecutive revisions' means ({@code n × new − (n − 1) × old} per statement) must not
     * give that person's twenty answers.
     */
    public void aNewcomersAnswersCannotBeRecomputedFromConsecutiveRevisions() {
        String id = newAssessmentId();
        open(id, 3);
        for (int i = 1; i <= 3; i++) {
            respond(id, "s" + i, BusinessFunction.SALES, Role.STAFF, answers(i), SampleEvents.AT);
            respond(id, "m" + i, BusinessFunction.MARKETING, Role.STAFF, answers(i + 3), SampleEvents.AT);
        }
        harness.stages(id, list -> !list.isEmpty());
        List<Integer> newcomer = answers(7);
        respond(id, "s4", BusinessFunction.SALES, Role.STAFF, newcomer, SampleEvents.AT);
        harness.stages(id, list -> true);
        harness.sendAssessmentEvent(id, encode(SampleEvents.closed(id)));
        List<StageClassified> stages = harness.stages(id,
                list -> !list.isEmpty() && list.get(list.size() - 1).getFinal$());
        assertRevisionsRunOnByOne(stages);
        assertThat(stages.get(stages.size() - 1).getHeldBack()).isEqualTo(1);
        assertNoNewcomerCanBeRecomputed(stages, newcomer);
    }

    /**
     * Tries the differencing attack on every two consecutive revisions, for each function: {@code n × mean(new) −
     * m × mean(old)} per statement, where n and m are the function's respondent counts. Fails if that gives the
     * answers.
     */
    public static void assertNoNewcomerCanBeRecomputed(List<StageClassified> stages, List<Integer> answers) {
        for (int r = 1; r < stages.size(); r++) {
            StageClassified before = stages.get(r - 1);
            StageClassified after = stages.get(r);
            for (boolean sales : new boolean[] {true, false}) {
                int n = (sales ? after.getSales() : after.getMarketing()).getRespondentCount();
                int m = (sales ? before.getSales() : before.getMarketing()).getRespondentCount();
                boolean recomputed = true;
                for (int i = 0; i < answers.size(); i++) {
                    var newer = after.getStatements().get(i);
                    var older = before.getStatements().get(i);
                    double derived = n * (sales ? newer.getSalesMean() : newer.getMarketingMean())
                            - m * (sales ? older.getSalesMean() : older.getMarketingMean());
                    recomputed &= Math.abs(derived - answers.get(i)) < 1e-6;
                }
                assertThat(recomputed).as("revisions %d and %d give away a newcomer's answers to %s",
                        before.getRevision(), after.getRevision(), sales ? "Sales" : "Marketing").isFalse();
            }
        }
    }

    /** Twenty answers, different from one statement to the next and from one {@code seed} to another. */
    static List<Integer> answers(int seed) {
        List<Integer> answers = new ArrayList<>(20);
        for (int i = 0; i < 20; i++) {
            answers.add(1 + (seed * 7 + i * (seed + 2)) % 5);
        }
        return answers;
    }

    /**
     * Responses that reach scoring before their assessment's opening (as they may when their producer partitions
     * differently from survey-service's) wait for it and then count; none is a dead letter.
     */
    public void responsesAheadOfTheirOpeningWaitForIt() {
        String id = newAssessmentId();
        respond(id, "s1", BusinessFunction.SALES, Role.STAFF, 4);
        respond(id, "m1", BusinessFunction.MARKETING, Role.STAFF, 2);
        openNamed(id, 1);
        respond(id, "m2", BusinessFunction.MARKETING, Role.STAFF, 4);
        List<StageClassified> stages = harness.stages(id, list -> lastCounts(list, 3));
        assertRevisionsRunOnByOne(stages);
        StageClassified last = stages.get(stages.size() - 1);
        assertThat(last.getRespondentCount()).isEqualTo(3);
        assertThat(last.getScore()).isEqualTo((80.0 + 60.0) / 2);
        assertThat(harness.deadLetters(Topics.RESPONSES.dlq(), id, list -> true)).isEmpty();
    }

    /**
     * A response submitted after the closing that reaches scoring before the closing does not count in the final
     * revision: the closing takes it back out.
     */
    public void aResponseSubmittedAfterTheClosingIsLeftOutOfTheFinalRevision() {
        String id = newAssessmentId();
        openNamed(id, 1);
        respond(id, "s1", BusinessFunction.SALES, Role.STAFF, 4);
        respond(id, "m1", BusinessFunction.MARKETING, Role.STAFF, 2);
        SurveyResponseSubmitted afterClosing = response(id, "s2", BusinessFunction.SALES, Role.STAFF, 1);
        afterClosing.setSubmittedAt(SampleEvents.closed(id).getClosedAt().plusSeconds(1));
        harness.sendResponse(id, encode(afterClosing));
        harness.stages(id, list -> lastCounts(list, 3));
        harness.sendAssessmentEvent(id, encode(SampleEvents.closed(id)));
        List<StageClassified> stages = harness.stages(id,
                list -> !list.isEmpty() && list.get(list.size() - 1).getFinal$());
        assertRevisionsRunOnByOne(stages);
        StageClassified last = stages.get(stages.size() - 1);
        assertThat(last.getRespondentCount()).isEqualTo(2);
        assertThat(last.getSales().getMeanTotal()).isEqualTo(80.0);
    }

    /** A response for an assessment never opened is a dead letter once the grace period has passed. */
    public void aResponseForAnAssessmentNeverOpenedIsADeadLetterAfterTheGracePeriod() {
        String nowhere = newAssessmentId();
        byte[] orphan = encode(response(nowhere, "s9", BusinessFunction.SALES, Role.STAFF, 3));
        harness.sendResponse(nowhere, orphan);
        List<DeadLetter> orphans = harness.deadLetters(Topics.RESPONSES.dlq(), nowhere, list -> !list.isEmpty());
        assertThat(reasonCodes(orphans)).containsExactly("UNKNOWN_ASSESSMENT");
        assertThat(orphans.get(0).value()).isEqualTo(orphan);
        assertThat(DeadLetters.read(orphans.get(0).headers(), DeadLetters.SOURCE_TOPIC))
                .isEqualTo(Topics.RESPONSES.name());
    }

    // --- building blocks ---

    static DeadLetter withCode(List<DeadLetter> dead, String code) {
        return dead.stream().filter(d -> code.equals(DeadLetters.read(d.headers(), DeadLetters.REASON_CODE)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter " + code + " in " + reasonCodes(dead)));
    }

    /** The design's rule for revisions: they run 1, 2, 3… in order, without a gap or a repeat. */
    public static void assertRevisionsRunOnByOne(List<StageClassified> stages) {
        assertThat(stages).isNotEmpty();
        assertThat(stages).extracting(StageClassified::getRevision)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, stages.size()).boxed().toList());
    }

    /** Whether the latest revision so far counts {@code respondents} respondents. */
    public static boolean lastCounts(List<StageClassified> stages, int respondents) {
        return !stages.isEmpty() && stages.get(stages.size() - 1).getRespondentCount() == respondents;
    }

    /**
     * An AssessmentOpened for {@code id}, encoded as on the topic. A threshold below 3 is allowed only for a named
     * assessment, so asking for one opens a named assessment (tests about other things use threshold 1 to score
     * one respondent per function).
     */
    public static byte[] openedBytes(String id, int threshold) {
        return openedBytes(id, threshold, threshold < 3);
    }

    /** An AssessmentOpened for {@code id}, named (not anonymous) or not, encoded as on the topic. */
    public static byte[] openedBytes(String id, int threshold, boolean named) {
        return encode(SampleEvents.opened(id, threshold, named));
    }

    /** A response rating every statement {@code rating}, with a fresh responseId, encoded as on the topic. */
    public static byte[] responseBytes(String id, String respondent, BusinessFunction function, Role role,
            int rating) {
        return encode(response(id, respondent, function, role, rating));
    }

    /** Opens an anonymous assessment (a threshold below 3 is held to 3). */
    void open(String id, int threshold) {
        harness.sendAssessmentEvent(id, openedBytes(id, threshold, false));
    }

    /** Opens a named assessment, where a threshold below 3 holds. */
    void openNamed(String id, int threshold) {
        harness.sendAssessmentEvent(id, openedBytes(id, threshold, true));
    }

    void respond(String id, String respondent, BusinessFunction function, Role role, int rating) {
        harness.sendResponse(id, encode(response(id, respondent, function, role, rating)));
    }

    void respond(String id, String respondent, BusinessFunction function, Role role, List<Integer> answers,
            Instant submittedAt) {
        SurveyResponseSubmitted r = response(id, respondent, function, role, 3);
        r.setAnswers(new ArrayList<>(answers));
        r.setSubmittedAt(submittedAt);
        harness.sendResponse(id, encode(r));
    }

    static SurveyResponseSubmitted response(String id, String respondent, BusinessFunction function, Role role,
            int rating) {
        SurveyResponseSubmitted r = SampleEvents.response(id, respondent, function, rating);
        r.setRole(role);
        r.setResponseId(UUID.randomUUID().toString());
        return r;
    }

    static byte[] encode(SurveyResponseSubmitted response) {
        return Topics.RESPONSES.valueSerde().serializer().serialize(Topics.RESPONSES.name(), response);
    }

    static byte[] encode(SpecificRecord assessmentEvent) {
        return Topics.ASSESSMENTS.valueSerde().serializer().serialize(Topics.ASSESSMENTS.name(), assessmentEvent);
    }

    static List<String> reasonCodes(List<DeadLetter> dead) {
        return dead.stream().map(d -> DeadLetters.read(d.headers(), DeadLetters.REASON_CODE)).toList();
    }

    /** Single-object bytes written as a client in another language would: the kept .avsc v1, the generic API. */
    static byte[] rawResponse(String assessmentId, String respondentId, String function, int rating) {
        Schema schema = keptSchema("SurveyResponseSubmitted", 1);
        GenericRecord record = new GenericData.Record(schema);
        record.put("responseId", "raw-" + UUID.randomUUID());
        record.put("assessmentId", assessmentId);
        record.put("respondentId", respondentId);
        record.put("function", new GenericData.EnumSymbol(schema.getField("function").schema(), function));
        record.put("role", new GenericData.EnumSymbol(schema.getField("role").schema(), "STAFF"));
        record.put("instrumentVersion", "1");
        record.put("answers", new ArrayList<>(Collections.nCopies(20, rating)));
        record.put("submittedAt", Instant.parse("2026-03-02T10:00:00Z").toEpochMilli());
        record.put("source", "crm");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(EventSerde.header(SchemaHistory.fingerprint(schema)));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Schema keptSchema(String event, int version) {
        String path = "org/entente/schemas/history/" + event + "/v" + version + ".avsc";
        try (InputStream in = ScoringScenarios.class.getClassLoader().getResourceAsStream(path)) {
            return new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
