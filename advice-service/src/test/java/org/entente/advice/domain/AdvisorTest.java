package org.entente.advice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.entente.rules.Stage;
import org.junit.jupiter.api.Test;

class AdvisorTest {

    @Test
    void movingUpListsTheTransitionsActionsWeakestFirst() {
        // Statements 6, 5 and 1 (sales-feedback) are the weakest; the rest sit at 3.5.
        Scores scores = scores(Stage.DEFINED, 50, statementsWith(3.5, 3.5, new double[][] {
                {6, 1.5, 1.5, 1.5}, {5, 2.0, 2.0, 2.0}, {1, 2.0, 2.0, 2.0}}));

        Advice advice = Advisor.advise(scores, DecisionGateTest.context("co"), null);

        assertThat(advice.recommendation()).isEqualTo(Recommendation.MOVE_UP);
        assertThat(advice.targetStage()).isEqualTo(Stage.ALIGNED);
        assertThat(advice.actions()).extracting(a -> a.play().id()).containsExactlyInAnyOrder(
                "disciplined-communication", "joint-assignments", "marketing-liaison", "colocation",
                "sales-feedback");
        assertThat(advice.actions().get(0).play().id()).isEqualTo("sales-feedback");
        assertThat(advice.actions()).extracting(RankedAction::priority).containsExactly(1, 2, 3, 4, 5);
        assertThat(advice.actions()).allSatisfy(a -> assertThat(a.play().transition()).isEqualTo("DEFINED->ALIGNED"));
    }

    @Test
    void disagreementRaisesAnActionAboveEquallyWeakOnes() {
        // Every statement means 3.0, but Sales and Marketing are 3 points apart on the colocation statements.
        Scores scores = scores(Stage.DEFINED, 50, statementsWith(3.0, 3.0, new double[][] {
                {7, 3.0, 4.5, 1.5}, {19, 3.0, 4.5, 1.5}, {10, 3.0, 1.5, 4.5}}));

        Advice advice = Advisor.advise(scores, DecisionGateTest.context("fc"), null);

        assertThat(advice.actions().get(0).play().id()).isEqualTo("colocation");
    }

    @Test
    void equalWeightsKeepThePlaybookOrder() {
        Scores scores = scores(Stage.UNDEFINED, 30, statementsWith(2.0, 2.0, new double[0][]));

        Advice advice = Advisor.advise(scores, AlignmentContext.NONE, null);

        assertThat(advice.actions()).extracting(a -> a.play().id())
                .containsExactly("rules-of-engagement", "lead-handoff-points", "common-lead-definition");
    }

    @Test
    void holdHasNoActionsButNamesTheWeakestStatementsAndWidestGaps() {
        Scores scores = scores(Stage.INTEGRATED, 85, statementsWith(4.5, 4.5, new double[][] {
                {12, 3.0, 3.0, 3.0}, {17, 3.2, 3.2, 3.2}, {3, 3.4, 4.4, 2.4}, {9, 4.0, 4.5, 3.5}}));

        Advice advice = Advisor.advise(scores, AlignmentContext.NONE, null);

        assertThat(advice.recommendation()).isEqualTo(Recommendation.HOLD);
        assertThat(advice.targetStage()).isNull();
        assertThat(advice.actions()).isEmpty();
        assertThat(advice.focus()).filteredOn(f -> f.kind() == Focus.Kind.WEAKEST)
                .extracting(Focus::statement).containsExactly(12, 17, 3);
        assertThat(advice.focus()).filteredOn(f -> f.kind() == Focus.Kind.PERCEPTION_GAP)
                .extracting(Focus::statement).containsExactly(3, 9);
        assertThat(advice.focus()).allSatisfy(f -> assertThat(f.suggestion()).isNotBlank());
        assertThat(advice.focus()).filteredOn(f -> f.kind() == Focus.Kind.PERCEPTION_GAP).first()
                .extracting(Focus::suggestion).isEqualTo("Sales rates this 2.0 points higher than Marketing: talk "
                        + "through why in a joint session before acting. " + StatementSuggestions.suggestion(3));
    }

    @Test
    void rationaleCitesTheScoresAndTheMissingContext() {
        Scores scores = scores(Stage.DEFINED, 47.5, statementsWith(2.4, 2.4, new double[0][]));

        Advice advice = Advisor.advise(scores, null, null);

        String rationale = String.join("\n", advice.rationale());
        assertThat(rationale).contains("47.5").contains("Defined band")
                .contains("Sales averages 55.0").contains("Marketing 40.0")
                .contains("have not arrived yet");
        assertThat(advice.recommendation()).isEqualTo(Recommendation.HOLD);
    }

    @Test
    void funnelSignalsAreCitedAndPushTheirActionsUp() {
        Scores scores = scores(Stage.UNDEFINED, 30, statementsWith(2.0, 2.0, new double[0][]));
        AlignmentSignals signals = new AlignmentSignals(40, 18, 3, 0.55, 0.95, 0.05);

        Advice advice = Advisor.advise(scores, AlignmentContext.NONE, signals);

        assertThat(String.join(" ", advice.rationale())).contains("55%").contains("18 rejected");
        assertThat(advice.actions().get(0).play().id()).isEqualTo("lead-handoff-points");
        assertThat(advice.actions().get(1).play().id()).isEqualTo("common-lead-definition");
    }

    @Test
    void recycleRateIsCitedAsAShareOfRejectedLeadsNotOfAllLeads() {
        Scores scores = scores(Stage.UNDEFINED, 30, statementsWith(2.0, 2.0, new double[0][]));
        // 40 handoffs, 1 rejected and recycled: a recycle rate of 100 %, yet 1 of 40 leads went back
        AlignmentSignals signals = new AlignmentSignals(40, 1, 1, 0.975, 0.95, 1.0);

        String rationale = String.join(" ", Advisor.advise(scores, AlignmentContext.NONE, signals).rationale());

        assertThat(rationale).contains("100% of rejected leads were recycled to Marketing (1 of 1 rejected)")
                .doesNotContain("of leads were sent back");
    }

    @Test
    void theRationaleSinglesOutAWeakestStatementOnlyWhenOneStandsOut() {
        Scores flat = scores(Stage.DEFINED, 50, statementsWith(2.5, 2.5, new double[0][]));
        Scores uneven = scores(Stage.DEFINED, 50, statementsWith(2.5, 2.5, new double[][] {{14, 1.5, 1.5, 1.5}}));

        assertThat(String.join(" ", Advisor.advise(flat, AlignmentContext.NONE, null).rationale()))
                .doesNotContain("weakest statement");
        assertThat(String.join(" ", Advisor.advise(uneven, AlignmentContext.NONE, null).rationale()))
                .contains("The weakest statement is #14");
    }

    static Scores scores(Stage stage, double score, List<StatementResult> statements) {
        return new Scores(3, false, stage, score, 8, score + 7.5, score - 7.5, false, statements);
    }

    /** 20 statements at {@code mean} (sales and marketing both at {@code split}) with some overridden. */
    static List<StatementResult> statementsWith(double mean, double split, double[][] overrides) {
        List<StatementResult> statements = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            statements.add(new StatementResult(n, mean, split, split));
        }
        for (double[] o : overrides) {
            int n = (int) o[0];
            statements.set(n - 1, new StatementResult(n, o[1], o[2], o[3]));
        }
        return statements;
    }
}
