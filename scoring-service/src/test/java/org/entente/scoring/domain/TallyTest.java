package org.entente.scoring.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.entente.scoring.domain.Answers.marketing;
import static org.entente.scoring.domain.Answers.sales;

import java.util.ArrayList;
import java.util.List;
import org.entente.rules.Stage;
import org.junit.jupiter.api.Test;

class TallyTest {

    /** Thresholds below 3 are for named assessments only. */
    private static final AssessmentTerms THRESHOLD_2 = new AssessmentTerms("a-1", 20, 2, true, null);
    private static final AssessmentTerms THRESHOLD_1 = new AssessmentTerms("a-1", 20, 1, true, null);

    @Test
    void aRespondentsTotalIsTheSumOfTheAnswers() {
        assertThat(Answers.sales("s", 20).total()).isEqualTo(20);
        assertThat(Answers.sales("s", 67).total()).isEqualTo(67);
        assertThat(Answers.sales("s", 100).total()).isEqualTo(100);
    }

    @Test
    void theScoreWeighsBothFunctionsEquallyHoweverManyRespondEach() {
        // Sales: 3 people at 80; Marketing: 1 at 40 (threshold 1). A head count mean would be 70; balanced is 60.
        var c = Tally.classify(THRESHOLD_1, List.of(sales("s1", 80), sales("s2", 80), sales("s3", 80),
                marketing("m1", 40))).orElseThrow();
        assertThat(c.score()).isEqualTo(60.0);
        assertThat(c.stage()).isEqualTo(Stage.ALIGNED);
        assertThat(c.sales().meanTotal()).isEqualTo(80.0);
        assertThat(c.sales().stage()).isEqualTo(Stage.INTEGRATED);
        assertThat(c.marketing().meanTotal()).isEqualTo(40.0);
        assertThat(c.marketing().stage()).isEqualTo(Stage.DEFINED);
        assertThat(c.perceptionGap()).isEqualTo(40.0);
        assertThat(c.respondentCount()).isEqualTo(4);
    }

    @Test
    void aScoreOf59AndAHalfIsDefinedAndNearTheBoundary() {
        var c = Tally.classify(THRESHOLD_1, List.of(sales("s1", 60), marketing("m1", 59))).orElseThrow();
        assertThat(c.score()).isEqualTo(59.5);
        assertThat(c.stage()).isEqualTo(Stage.DEFINED);
        assertThat(c.nearBoundary()).isTrue();
    }

    @Test
    void boundaryTotalsClassifyTheirFunction() {
        int[][] cases = {{39, 0}, {40, 1}, {59, 1}, {60, 2}, {79, 2}, {80, 3}};
        for (int[] each : cases) {
            var c = Tally.classify(THRESHOLD_1, List.of(sales("s", each[0]), marketing("m", each[0]))).orElseThrow();
            assertThat(c.sales().stage()).as("total %d", each[0]).isEqualTo(Stage.values()[each[1]]);
            assertThat(c.stage()).as("score %d", each[0]).isEqualTo(Stage.values()[each[1]]);
        }
    }

    @Test
    void nothingIsScoredUntilBothFunctionsReachTheThreshold() {
        List<Submission> counted = new ArrayList<>(List.of(sales("s1", 70), sales("s2", 70), marketing("m1", 50)));
        assertThat(Tally.classify(THRESHOLD_2, counted)).isEmpty();
        assertThat(Tally.waiting(THRESHOLD_2, counted)).isEqualTo(new Tally.Waiting(0, 1));
        assertThat(Tally.waiting(THRESHOLD_2, counted).message()).isEqualTo("waiting for 1 more response from Marketing");
        counted.add(marketing("m2", 50));
        assertThat(Tally.classify(THRESHOLD_2, counted)).isPresent();
    }

    @Test
    void theWaitingMessageNamesEachFunctionStillShort() {
        var terms = new AssessmentTerms("a-1", 20, 3, null);
        assertThat(Tally.waiting(terms, List.of(marketing("m1", 50))).message())
                .isEqualTo("waiting for 3 more responses from Sales and 2 more from Marketing");
        assertThat(Tally.waiting(terms, List.of(sales("s1", 50), marketing("m1", 50), marketing("m2", 50),
                marketing("m3", 50))).message()).isEqualTo("waiting for 2 more responses from Sales");
    }

    @Test
    void statementMeansPerFunctionAndBalancedOverall() {
        var s1 = Answers.submission("s1", BusinessFunction.SALES, Role.STAFF, Answers.all(5), Answers.AT);
        var s2 = Answers.submission("s2", BusinessFunction.SALES, Role.STAFF, Answers.all(4), Answers.AT);
        var s3 = Answers.submission("s3", BusinessFunction.SALES, Role.STAFF, Answers.all(3), Answers.AT);
        var m1 = Answers.submission("m1", BusinessFunction.MARKETING, Role.STAFF, Answers.all(1), Answers.AT);
        var c = Tally.classify(THRESHOLD_1, List.of(s1, s2, s3, m1)).orElseThrow();
        assertThat(c.statements()).hasSize(20);
        var first = c.statements().get(0);
        assertThat(first.statement()).isEqualTo(1);
        assertThat(first.salesMean()).isEqualTo(4.0);
        assertThat(first.marketingMean()).isEqualTo(1.0);
        assertThat(first.mean()).isEqualTo(2.5);
        assertThat(c.statements().stream().mapToDouble(Classification.StatementScore::mean).sum())
                .isCloseTo(c.score(), within(1e-9));
    }

    @Test
    void spreadIsTheStandardDeviationOfTotalsPerFunction() {
        var c = Tally.classify(THRESHOLD_2, List.of(sales("s1", 40), sales("s2", 60), marketing("m1", 50),
                marketing("m2", 50))).orElseThrow();
        assertThat(c.sales().spread()).isEqualTo(10.0);
        assertThat(c.marketing().spread()).isEqualTo(0.0);
    }

    @Test
    void headsAndStaffAreNeverBrokenOutOfAnAnonymousAssessment() {
        var headS = Answers.submission("hs", BusinessFunction.SALES, Role.HEAD, Answers.withTotal(90), Answers.AT);
        var headM = Answers.submission("hm", BusinessFunction.MARKETING, Role.HEAD, Answers.withTotal(70), Answers.AT);
        // three heads' worth of respondents in each group would not do either: a head is one person per function
        List<Submission> counted = List.of(headS, headM, sales("s1", 40), sales("s2", 40), sales("s3", 40),
                marketing("m1", 40), marketing("m2", 40), marketing("m3", 40));
        var c = Tally.classify(new AssessmentTerms("a-1", 20, 2, null), counted).orElseThrow();
        assertThat(c.heads()).isNull();
        assertThat(c.staff()).isNull();

        var named = Tally.classify(new AssessmentTerms("a-1", 20, 3, true, null), counted).orElseThrow();
        assertThat(named.heads()).isEqualTo(new Classification.GroupScore(2, 80.0, Stage.INTEGRATED));
        assertThat(named.staff()).isEqualTo(new Classification.GroupScore(6, 40.0, Stage.DEFINED));
    }

    @Test
    void aCompanyThatChoseNoAnonymitySeesItsHeads() {
        var headS = Answers.submission("hs", BusinessFunction.SALES, Role.HEAD, Answers.withTotal(90), Answers.AT);
        var c = Tally.classify(THRESHOLD_1, List.of(headS, marketing("m1", 40))).orElseThrow();
        assertThat(c.heads()).isEqualTo(new Classification.GroupScore(1, 90.0, Stage.INTEGRATED));
        assertThat(c.staff()).isEqualTo(new Classification.GroupScore(1, 40.0, Stage.DEFINED));
    }

    @Test
    void anAnonymousAssessmentIsHeldToAThresholdOfThree() {
        assertThat(new AssessmentTerms("a-1", 20, 1, null).anonymityThreshold()).isEqualTo(3);
        assertThat(new AssessmentTerms("a-1", 20, 2, false, null).anonymityThreshold()).isEqualTo(3);
        assertThat(new AssessmentTerms("a-1", 20, 5, false, null).anonymityThreshold()).isEqualTo(5);
        assertThat(new AssessmentTerms("a-1", 20, 1, true, null).anonymityThreshold()).isEqualTo(1);
        List<Submission> twoEach = List.of(sales("s1", 70), sales("s2", 70), marketing("m1", 50),
                marketing("m2", 50));
        assertThat(Tally.classify(new AssessmentTerms("a-1", 20, 2, null), twoEach)).isEmpty();
        assertThat(Tally.classify(THRESHOLD_2, twoEach)).isPresent();
    }
}
