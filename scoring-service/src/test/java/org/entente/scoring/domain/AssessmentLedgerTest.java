package org.entente.scoring.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entente.scoring.domain.Answers.marketing;
import static org.entente.scoring.domain.Answers.sales;

import java.util.ArrayList;
import java.util.List;
import org.entente.scoring.domain.AssessmentLedger.Outcome;
import org.entente.scoring.domain.AssessmentLedger.Revision;
import org.junit.jupiter.api.Test;

/**
 * The validity, idempotence and replacement rules on a named assessment with threshold 1 (every change may be
 * shown), then the publication rule on anonymous ones with threshold 3.
 */
class AssessmentLedgerTest {

    private AssessmentLedger ledger = AssessmentLedger.open(
            new AssessmentTerms("a-1", 20, 1, true, Answers.AT.plusSeconds(3600)));

    private final KeptRespondents respondents = new KeptRespondents();

    private Outcome submit(Submission submission) {
        return ledger.submit(submission, respondents);
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
    void aRespondentWhoSubmitsAgainAndAgainKeepsABoundedEntryAndNoResponseCountsTwice() {
        int sent = RespondentEntry.REMEMBERED_RESPONSE_IDS * 3;
        List<Submission> all = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
            Submission next = new Submission("r-" + i, "s1", BusinessFunction.SALES, Role.STAFF,
                    Answers.withTotal(20 + i % 60), Answers.AT.plusSeconds(i));
            all.add(next);
            assertThat(submit(next)).isInstanceOf(Outcome.Counted.class);
        }
        Submission latest = all.get(sent - 1);
        RespondentEntry entry = respondents.get("s1");
        assertThat(entry.responseIds()).hasSize(RespondentEntry.REMEMBERED_RESPONSE_IDS)
                .contains(latest.responseId()).doesNotContain(all.get(0).responseId());
        for (Submission again : all) { // every one sent again, the forgotten ones included
            assertThat(submit(again)).as(again.responseId()).isNotInstanceOf(Outcome.Counted.class);
        }
        assertThat(respondents.get("s1").counted()).isEqualTo(latest);
        assertThat(ledger.counted()).isEqualTo(Tallies.of(20, List.of(latest)));
        assertThat(respondents.get("s1").responseIds()).as("the counted one is never forgotten")
                .hasSize(RespondentEntry.REMEMBERED_RESPONSE_IDS).contains(latest.responseId());
    }

    @Test
    void wrongAnswerCountIsRejected() {
        var short19 = Answers.submission("s1", BusinessFunction.SALES, Role.STAFF,
                new ArrayList<>(Answers.all(3).subList(0, 19)), Answers.AT);
        assertThat(rejection(submit(short19)).code()).isEqualTo(Rejection.WRONG_ANSWER_COUNT);
        List<Integer> twentyOne = new ArrayList<>(Answers.all(3));
        twentyOne.add(3);
        var long21 = Answers.submission("s1", BusinessFunction.SALES, Role.STAFF, twentyOne, Answers.AT);
        assertThat(rejection(submit(long21)).message()).isEqualTo("must have 20 answers, one per statement, but has 21");
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
        assertThat(ledger.publishChanges()).as("below the threshold").isEmpty();
        submit(marketing("m1", 40));
        Revision first = ledger.publishChanges().orElseThrow();
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.classification().score()).isEqualTo(50.0);
        assertThat(ledger.classification()).contains(first.classification());
        assertThat(ledger.publishChanges()).as("nothing new").isEmpty();
        submit(sales("s2", 80));
        submit(sales("s3", 100));
        assertThat(ledger.classification()).as("the published one holds until the next revision")
                .contains(first.classification());
        Revision second = ledger.publishChanges().orElseThrow();
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.classification().sales().respondentCount()).isEqualTo(3);
        assertThat(ledger.classification().orElseThrow().score()).isEqualTo(60.0);
    }

    @Test
    void aFunctionIsShownAgainOnlyOnceItChangedByTheThreshold() {
        threeEach();
        assertThat(ledger.publishChanges().orElseThrow().classification().respondentCount()).isEqualTo(6);
        submit(sales("s4", 80));
        assertThat(ledger.publishChanges()).as("Sales changed by one").isEmpty();
        submit(sales("s5", 80));
        assertThat(ledger.publishChanges()).as("by two").isEmpty();
        submit(Answers.submission("s1", BusinessFunction.SALES, Role.STAFF, Answers.withTotal(100),
                Answers.AT.plusSeconds(60)));
        submit(marketing("m4", 80));
        Revision second = ledger.publishChanges().orElseThrow();
        assertThat(second.classification().sales().respondentCount()).as("a replaced answer is the third").isEqualTo(5);
        assertThat(second.classification().sales().meanTotal()).isEqualTo((100.0 + 60 + 60 + 80 + 80) / 5);
        assertThat(second.classification().marketing().respondentCount()).as("Marketing waits").isEqualTo(3);
        assertThat(second.classification().marketing().meanTotal()).isEqualTo(40.0);
        assertThat(second.heldBack()).isEqualTo(1);
        assertThat(ledger.respondentCount()).as("everything is counted all the same").isEqualTo(9);
    }

    @Test
    void aRespondentAnsweringAgainBeforeTheNextRevisionCountsOnce() {
        threeEach();
        ledger.publishChanges().orElseThrow();
        for (int again = 0; again < 3; again++) {
            submit(Answers.submission("s4", BusinessFunction.SALES, Role.STAFF, Answers.withTotal(50 + again),
                    Answers.AT.plusSeconds(again)));
        }
        assertThat(ledger.heldBack()).isEqualTo(1);
        assertThat(ledger.publishChanges()).isEmpty();
    }

    @Test
    void aRespondentWhoMovesToTheOtherFunctionChangesBoth() {
        threeEach();
        submit(sales("x", 60));
        ledger.publishChanges().orElseThrow();
        submit(Answers.submission("x", BusinessFunction.MARKETING, Role.STAFF, Answers.withTotal(50),
                Answers.AT.plusSeconds(1)));
        assertThat(ledger.heldBack()).as("out of Sales, into Marketing").isEqualTo(2);
        submit(Answers.submission("x", BusinessFunction.SALES, Role.STAFF, Answers.withTotal(60),
                Answers.AT.plusSeconds(2)));
        assertThat(ledger.heldBack()).as("back in Sales with new answers; Marketing as published").isEqualTo(1);
    }

    @Test
    void theFinalRevisionHoldsBackASmallerRemainderAndSaysHowMany() {
        threeEach();
        Revision first = ledger.publishChanges().orElseThrow();
        submit(sales("s4", 100));
        submit(sales("s5", 100));
        for (int i = 4; i <= 6; i++) {
            submit(marketing("m" + i, 80));
        }
        ledger.close();
        Revision last = ledger.publishFinal().orElseThrow();
        assertThat(last.isFinal()).isTrue();
        assertThat(last.number()).isEqualTo(2);
        assertThat(last.classification().sales()).isEqualTo(first.classification().sales());
        assertThat(last.classification().marketing().respondentCount()).isEqualTo(6);
        assertThat(last.heldBack()).isEqualTo(2);
        assertThat(ledger.isFinalPublished()).isTrue();
    }

    @Test
    void aFinalRevisionIsPublishedEvenWhenEverythingIsHeldBack() {
        threeEach();
        Revision first = ledger.publishChanges().orElseThrow();
        submit(sales("s4", 100));
        ledger.close();
        Revision last = ledger.publishFinal().orElseThrow();
        assertThat(last.classification()).isEqualTo(first.classification());
        assertThat(last.heldBack()).isEqualTo(1);
    }

    @Test
    void nothingIsPublishedAtTheCloseWhenTheThresholdWasNeverMet() {
        ledger = AssessmentLedger.open(new AssessmentTerms("a-2", 20, 1, null)); // anonymous: held to 3
        submit(sales("s1", 60));
        submit(marketing("m1", 40));
        ledger.close();
        assertThat(ledger.publishFinal()).isEmpty();
        assertThat(ledger.revision()).isZero();
    }

    @Test
    void theSameAnswersSentAgainChangeNothing() {
        threeEach();
        Revision first = ledger.publishChanges().orElseThrow();
        for (int i = 1; i <= 3; i++) { // the same answers again
            submit(Answers.submission("s" + i, BusinessFunction.SALES, Role.STAFF, Answers.withTotal(60),
                    Answers.AT.plusSeconds(5)));
        }
        assertThat(ledger.publishChanges()).isEmpty();
        assertThat(ledger.heldBack()).as("a retry is no change").isZero();
        submit(sales("s4", 100));
        submit(sales("s5", 100));
        submit(Answers.submission("s1", BusinessFunction.SALES, Role.STAFF, Answers.withTotal(60),
                Answers.AT.plusSeconds(9)));
        assertThat(ledger.publishChanges()).as("two newcomers and a retry are two changes").isEmpty();
        assertThat(ledger.classification()).contains(first.classification());
    }

    @Test
    void aWithdrawnNewcomerWasNeverShownAndLeavesNothingToHoldBack() {
        threeEach();
        Revision first = ledger.publishChanges().orElseThrow();
        submit(sales("s4", 100)); // submitted after the closing, counted before the closing arrived
        assertThat(ledger.heldBack()).isEqualTo(1);
        ledger.close();
        ledger.withdraw(respondents.get("s4"));
        Revision last = ledger.publishFinal().orElseThrow();
        assertThat(last.classification()).isEqualTo(first.classification());
        assertThat(last.heldBack()).isZero();
    }

    @Test
    void withdrawingRespondentsTheLastRevisionShowedIsAChangeLikeAnyOther() {
        threeEach();
        submit(sales("s4", 100));
        Revision first = ledger.publishChanges().orElseThrow(); // Sales shows four
        assertThat(first.classification().sales().respondentCount()).isEqualTo(4);
        ledger.close();
        ledger.withdraw(respondents.get("s4"));
        Revision last = ledger.publishFinal().orElseThrow();
        assertThat(last.classification()).as("one withdrawal is fewer than three: held back")
                .isEqualTo(first.classification());
        assertThat(last.heldBack()).isEqualTo(1);
    }

    /** An anonymous assessment with threshold 3 and three respondents in each function, not published yet. */
    private void threeEach() {
        ledger = AssessmentLedger.open(new AssessmentTerms("a-2", 20, 3, false, null));
        respondents.clear();
        for (int i = 1; i <= 3; i++) {
            submit(sales("s" + i, 60));
            submit(marketing("m" + i, 40));
        }
    }

    private static Rejection rejection(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection();
    }
}
