package org.entente.scoring.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entente.scoring.domain.Answers.marketing;
import static org.entente.scoring.domain.Answers.sales;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.entente.scoring.domain.AssessmentLedger.Outcome;
import org.junit.jupiter.api.Test;

class AssessmentLedgerTest {

    private final AssessmentLedger ledger = AssessmentLedger.open(
            new AssessmentTerms("a-1", 20, 1, Answers.AT.plusSeconds(3600)));

    /** The respondents, as the store would keep them. */
    private final Map<String, RespondentEntry> respondents = new HashMap<>();
    private final AssessmentLedger.Respondents stored = new AssessmentLedger.Respondents() {
        @Override
        public RespondentEntry find(String respondentId) {
            return respondents.get(respondentId);
        }

        @Override
        public void save(RespondentEntry entry) {
            respondents.put(entry.counted().respondentId(), entry);
        }
    };

    private Outcome submit(Submission submission) {
        return ledger.submit(submission, stored);
    }

    @Test
    void aValidResponseCounts() {
        assertThat(submit(sales("s1", 60))).isInstanceOf(Outcome.Counted.class);
        assertThat(ledger.respondentCount()).isEqualTo(1);
    }

    @Test
    void aRepeatedResponseIdCountsOnce() {
        Submission once = sales("s1", 60);
        submit(once);
        assertThat(submit(once)).isInstanceOf(Outcome.Duplicate.class);
        assertThat(ledger.respondentCount()).isEqualTo(1);
    }

    @Test
    void aLaterResponseFromTheSameRespondentReplacesTheEarlierOne() {
        submit(sales("s1", 60));
        submit(marketing("m1", 40));
        var later = Answers.submission("s1", BusinessFunction.SALES, Role.STAFF, Answers.withTotal(90),
                Answers.AT.plusSeconds(60));
        assertThat(submit(later)).isInstanceOf(Outcome.Counted.class);
        assertThat(ledger.respondentCount()).isEqualTo(2);
        assertThat(ledger.current().orElseThrow().sales().meanTotal()).isEqualTo(90.0);
        assertThat(respondents.get("s1").counted()).isEqualTo(later);
    }

    @Test
    void anEarlierResponseArrivingLateDoesNotReplaceALaterOne() {
        var later = Answers.submission("s1", BusinessFunction.SALES, Role.STAFF, Answers.withTotal(90),
                Answers.AT.plusSeconds(60));
        submit(later);
        Submission earlier = sales("s1", 30);
        assertThat(submit(earlier)).isInstanceOf(Outcome.Superseded.class);
        assertThat(respondents.get("s1").counted()).isEqualTo(later);
        assertThat(ledger.counted()).isEqualTo(Tallies.of(20, List.of(later)));
        assertThat(submit(earlier)).as("its responseId is remembered").isInstanceOf(Outcome.Duplicate.class);
    }

    @Test
    void wrongAnswerCountIsRejected() {
        var short19 = Answers.submission("s1", BusinessFunction.SALES, Role.STAFF,
                new ArrayList<>(Answers.all(3).subList(0, 19)), Answers.AT);
        assertThat(rejection(submit(short19)).code()).isEqualTo(Rejection.WRONG_ANSWER_COUNT);
        List<Integer> twentyOne = new ArrayList<>(Answers.all(3));
        twentyOne.add(3);
        var long21 = Answers.submission("s1", BusinessFunction.SALES, Role.STAFF, twentyOne, Answers.AT);
        assertThat(rejection(submit(long21)).message()).isEqualTo("must have 20 answers, has 21");
        assertThat(ledger.respondentCount()).isZero();
    }

    @Test
    void answersOutsideOneToFiveAreRejected() {
        for (int bad : new int[] {0, 6, -1}) {
            List<Integer> answers = new ArrayList<>(Answers.all(3));
            answers.set(7, bad);
            var s = Answers.submission("s1", BusinessFunction.SALES, Role.STAFF, answers, Answers.AT);
            Rejection r = rejection(submit(s));
            assertThat(r.code()).isEqualTo(Rejection.ANSWER_OUT_OF_RANGE);
            assertThat(r.message()).contains("statement 8");
        }
        assertThat(ledger.respondentCount()).isZero();
    }

    @Test
    void aClosedAssessmentTakesNoResponses() {
        assertThat(ledger.close()).isTrue();
        assertThat(ledger.close()).isFalse();
        assertThat(rejection(submit(sales("s1", 60))).code()).isEqualTo(Rejection.ASSESSMENT_CLOSED);
    }

    @Test
    void aResponseSubmittedAfterClosesAtIsRejected() {
        var late = Answers.submission("s1", BusinessFunction.SALES, Role.STAFF, Answers.all(3),
                Answers.AT.plusSeconds(3601));
        assertThat(rejection(submit(late)).code()).isEqualTo(Rejection.ASSESSMENT_CLOSED);
    }

    @Test
    void aRejectedResponseIdMayBeSentAgainCorrected() {
        var bad = new Submission("r-1", "s1", BusinessFunction.SALES, Role.STAFF, List.of(3), Answers.AT);
        var good = new Submission("r-1", "s1", BusinessFunction.SALES, Role.STAFF, Answers.all(3), Answers.AT);
        assertThat(submit(bad)).isInstanceOf(Outcome.Rejected.class);
        assertThat(submit(good)).isInstanceOf(Outcome.Counted.class);
    }

    @Test
    void aReplacedRespondentLeavesNoTraceInTheSums() {
        Submission first = Answers.submission("s1", BusinessFunction.SALES, Role.HEAD, Answers.withTotal(35),
                Answers.AT);
        Submission second = Answers.submission("s1", BusinessFunction.MARKETING, Role.STAFF, Answers.withTotal(77),
                Answers.AT.plusSeconds(5));
        submit(first);
        submit(marketing("m1", 40));
        submit(sales("s2", 50));
        submit(second);
        List<Submission> asIfOnlyTheLaterOne = List.of(marketing("m1", 40), sales("s2", 50), second);
        assertThat(ledger.counted()).isEqualTo(Tallies.of(20, asIfOnlyTheLaterOne));
        assertThat(ledger.current()).isPresent()
                .isEqualTo(Tally.classify(ledger.terms(), asIfOnlyTheLaterOne));
    }

    @Test
    void aRevisionCarriesWhatWasCountedAndTheNextOnlyWhatChanged() {
        submit(sales("s1", 60));
        assertThat(ledger.classification()).as("nothing published yet").isEmpty();
        assertThat(ledger.unpublished()).as("below the threshold").isEmpty();
        submit(marketing("m1", 40));
        Classification first = ledger.unpublished().orElseThrow();
        assertThat(first.score()).isEqualTo(50.0);
        assertThat(ledger.nextRevision(false)).isEqualTo(1);
        assertThat(ledger.classification()).contains(first);
        assertThat(ledger.unpublished()).as("nothing new").isEmpty();
        submit(sales("s2", 80));
        submit(sales("s3", 100));
        assertThat(ledger.classification()).as("the published one holds until the next revision").contains(first);
        assertThat(ledger.unpublished().orElseThrow().sales().respondentCount()).isEqualTo(3);
        assertThat(ledger.nextRevision(false)).isEqualTo(2);
        assertThat(ledger.classification().orElseThrow().score()).isEqualTo(60.0);
    }

    @Test
    void revisionsCountUpAndRememberTheFinalOne() {
        assertThat(ledger.revision()).isZero();
        assertThat(ledger.nextRevision(false)).isEqualTo(1);
        assertThat(ledger.nextRevision(true)).isEqualTo(2);
        assertThat(ledger.isFinalPublished()).isTrue();
    }

    private static Rejection rejection(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection();
    }
}
