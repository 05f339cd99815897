package org.entente.scoring.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entente.scoring.domain.Answers.marketing;
import static org.entente.scoring.domain.Answers.sales;

import java.util.ArrayList;
import java.util.List;
import org.entente.scoring.domain.AssessmentLedger.Outcome;
import org.junit.jupiter.api.Test;

class AssessmentLedgerTest {

    private final AssessmentLedger ledger = AssessmentLedger.open(
            new AssessmentTerms("a-1", 20, 1, Answers.AT.plusSeconds(3600)));

    @Test
    void aValidResponseCounts() {
        assertThat(ledger.submit(sales("s1", 60))).isInstanceOf(Outcome.Counted.class);
        assertThat(ledger.counted()).hasSize(1);
    }

    @Test
    void aRepeatedResponseIdCountsOnce() {
        Submission once = sales("s1", 60);
        ledger.submit(once);
        assertThat(ledger.submit(once)).isInstanceOf(Outcome.Duplicate.class);
        assertThat(ledger.counted()).hasSize(1);
    }

    @Test
    void aLaterResponseFromTheSameRespondentReplacesTheEarlierOne() {
        ledger.submit(sales("s1", 60));
        ledger.submit(marketing("m1", 40));
        var later = Answers.submission("s1", BusinessFunction.SALES, Role.STAFF, Answers.withTotal(90),
                Answers.AT.plusSeconds(60));
        assertThat(ledger.submit(later)).isInstanceOf(Outcome.Counted.class);
        assertThat(ledger.counted()).hasSize(2);
        assertThat(ledger.classification().orElseThrow().sales().meanTotal()).isEqualTo(90.0);
    }

    @Test
    void anEarlierResponseArrivingLateDoesNotReplaceALaterOne() {
        var later = Answers.submission("s1", BusinessFunction.SALES, Role.STAFF, Answers.withTotal(90),
                Answers.AT.plusSeconds(60));
        ledger.submit(later);
        assertThat(ledger.submit(sales("s1", 30))).isInstanceOf(Outcome.Superseded.class);
        assertThat(ledger.counted()).containsExactly(later);
    }

    @Test
    void wrongAnswerCountIsRejected() {
        var short19 = Answers.submission("s1", BusinessFunction.SALES, Role.STAFF,
                new ArrayList<>(Answers.all(3).subList(0, 19)), Answers.AT);
        assertThat(rejection(ledger.submit(short19)).code()).isEqualTo(Rejection.WRONG_ANSWER_COUNT);
        List<Integer> twentyOne = new ArrayList<>(Answers.all(3));
        twentyOne.add(3);
        var long21 = Answers.submission("s1", BusinessFunction.SALES, Role.STAFF, twentyOne, Answers.AT);
        assertThat(rejection(ledger.submit(long21)).message()).isEqualTo("must have 20 answers, has 21");
        assertThat(ledger.counted()).isEmpty();
    }

    @Test
    void answersOutsideOneToFiveAreRejected() {
        for (int bad : new int[] {0, 6, -1}) {
            List<Integer> answers = new ArrayList<>(Answers.all(3));
            answers.set(7, bad);
            var s = Answers.submission("s1", BusinessFunction.SALES, Role.STAFF, answers, Answers.AT);
            Rejection r = rejection(ledger.submit(s));
            assertThat(r.code()).isEqualTo(Rejection.ANSWER_OUT_OF_RANGE);
            assertThat(r.message()).contains("statement 8");
        }
        assertThat(ledger.counted()).isEmpty();
    }

    @Test
    void aClosedAssessmentTakesNoResponses() {
        assertThat(ledger.close()).isTrue();
        assertThat(ledger.close()).isFalse();
        assertThat(rejection(ledger.submit(sales("s1", 60))).code()).isEqualTo(Rejection.ASSESSMENT_CLOSED);
    }

    @Test
    void aResponseSubmittedAfterClosesAtIsRejected() {
        var late = Answers.submission("s1", BusinessFunction.SALES, Role.STAFF, Answers.all(3),
                Answers.AT.plusSeconds(3601));
        assertThat(rejection(ledger.submit(late)).code()).isEqualTo(Rejection.ASSESSMENT_CLOSED);
    }

    @Test
    void aRejectedResponseIdMayBeSentAgainCorrected() {
        var bad = new Submission("r-1", "s1", BusinessFunction.SALES, Role.STAFF, List.of(3), Answers.AT);
        var good = new Submission("r-1", "s1", BusinessFunction.SALES, Role.STAFF, Answers.all(3), Answers.AT);
        assertThat(ledger.submit(bad)).isInstanceOf(Outcome.Rejected.class);
        assertThat(ledger.submit(good)).isInstanceOf(Outcome.Counted.class);
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
