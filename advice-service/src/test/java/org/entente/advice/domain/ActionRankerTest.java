package org.entente.advice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.entente.rules.Stage;
import org.junit.jupiter.api.Test;

class ActionRankerTest {

    private static final Play A = new Play("a", "A", Stage.DEFINED, Stage.ALIGNED, Owner.JOINT, List.of(1, 2), "");
    private static final Play B = new Play("b", "B", Stage.DEFINED, Stage.ALIGNED, Owner.SALES, List.of(3), "");

    @Test
    void weightIsWeaknessPlusDisagreementAveragedOverTheMotivatingStatements() {
        List<StatementResult> statements = List.of(
                new StatementResult(1, 1.0, 2.0, 0.0), // weakness 1.0, 2 points apart -> 0.5
                new StatementResult(2, 5.0, 5.0, 5.0), // weakness 0, no gap
                new StatementResult(3, 3.0, 3.0, 3.0));

        List<RankedAction> ranked = ActionRanker.rank(List.of(B, A), statements, Set.of());

        assertThat(ranked.get(0).play()).isEqualTo(A);
        assertThat(ranked.get(0).weight()).isCloseTo((1.0 + 0) / 2 + (0.5 + 0) / 2, within(1e-9));
        assertThat(ranked.get(1).weight()).isCloseTo(0.5, within(1e-9));
        assertThat(ranked).extracting(RankedAction::priority).containsExactly(1, 2);
    }

    @Test
    void aWideGapOutranksASlightlyWeakerButAgreedStatement() {
        List<StatementResult> statements = List.of(
                new StatementResult(1, 3.0, 4.5, 1.5), new StatementResult(2, 3.0, 4.5, 1.5),
                new StatementResult(3, 2.6, 2.6, 2.6));

        assertThat(ActionRanker.rank(List.of(B, A), statements, Set.of()).get(0).play()).isEqualTo(A);
    }

    @Test
    void unscoredStatementsCountAsNeitherWeakNorDisputedAndSignalsAddABoost() {
        List<RankedAction> plain = ActionRanker.rank(List.of(A, B), List.of(), Set.of());
        List<RankedAction> boosted = ActionRanker.rank(List.of(A, B), List.of(), Set.of("b"));

        assertThat(plain).extracting(r -> r.play().id()).containsExactly("a", "b");
        assertThat(plain).allSatisfy(r -> assertThat(r.weight()).isZero());
        assertThat(boosted).extracting(r -> r.play().id()).containsExactly("b", "a");
        assertThat(boosted.get(0).weight()).isEqualTo(ActionRanker.SIGNAL_BOOST);
    }

    @Test
    void everyTransitionHasItsPlaybookActions() {
        assertThat(Playbook.from(Stage.UNDEFINED)).extracting(Play::id)
                .containsExactly("rules-of-engagement", "lead-handoff-points", "common-lead-definition");
        assertThat(Playbook.from(Stage.DEFINED)).extracting(Play::id).containsExactly("disciplined-communication",
                "joint-assignments", "marketing-liaison", "colocation", "sales-feedback");
        assertThat(Playbook.from(Stage.ALIGNED)).extracting(Play::id).containsExactly("chief-revenue-officer",
                "shared-funnel", "split-marketing", "shared-targets-rewards", "integrated-metrics");
        assertThat(Playbook.from(Stage.INTEGRATED)).isEmpty();
        assertThat(Playbook.ALL).allSatisfy(play -> {
            assertThat(play.motivatedBy()).isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(1, 20));
            assertThat(play.explanation()).isNotBlank();
            assertThat(play.to()).isEqualTo(play.from().next());
        });
    }
}
