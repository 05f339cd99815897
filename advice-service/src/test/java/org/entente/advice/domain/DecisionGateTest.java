package org.entente.advice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.entente.rules.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionGateTest {

    /**
     * Every context combination that changes the outcome, stage by stage. Flags: sb smallBusiness, ir
     * informalRelationsGood, cr conflictsRecurring, cf competingForResources, co marketCommoditizing, cu
     * marketCustomizing, lc salesCycleLongOrComplex, fc fastChangingMarket, sr sharedResponsibilityCulture,
     * ms marketingMainlySupportsSales.
     */
    @ParameterizedTest(name = "{0} with [{1}] -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            UNDEFINED  | sb ir       | HOLD    | -
            UNDEFINED  | sb ir ms    | HOLD    | -
            UNDEFINED  | sb ir co fc | HOLD    | -
            UNDEFINED  | sb ir cr    | MOVE_UP | DEFINED
            UNDEFINED  | sb ir cf    | MOVE_UP | DEFINED
            UNDEFINED  | sb ir cr cf | MOVE_UP | DEFINED
            UNDEFINED  | sb          | MOVE_UP | DEFINED
            UNDEFINED  | ir          | MOVE_UP | DEFINED
            UNDEFINED  |             | MOVE_UP | DEFINED
            DEFINED    |             | HOLD    | -
            DEFINED    | sb ir cr cf lc sr ms | HOLD | -
            DEFINED    | co          | MOVE_UP | ALIGNED
            DEFINED    | cu          | MOVE_UP | ALIGNED
            DEFINED    | fc          | MOVE_UP | ALIGNED
            DEFINED    | co cu fc    | MOVE_UP | ALIGNED
            ALIGNED    |             | HOLD    | -
            ALIGNED    | co cu sb ir cr cf sr ms | HOLD | -
            ALIGNED    | lc          | MOVE_UP | INTEGRATED
            ALIGNED    | fc          | MOVE_UP | INTEGRATED
            ALIGNED    | lc sr       | MOVE_UP | INTEGRATED
            ALIGNED    | fc sr       | MOVE_UP | INTEGRATED
            INTEGRATED |             | HOLD    | -
            INTEGRATED | lc fc co cu cr cf sr | HOLD | -
            """)
    void gateFollowsTheDesign(Stage stage, String flags, Recommendation expected, Stage target) {
        Decision decision = DecisionGate.decide(stage, context(flags));

        assertThat(decision.recommendation()).isEqualTo(expected);
        assertThat(decision.targetStage()).isEqualTo(target);
        assertThat(decision.reasons()).isNotEmpty();
    }

    @Test
    void everyContextOfEveryStageAgreesWithTheRulesAsWritten() {
        for (Stage stage : Stage.values()) {
            for (int bits = 0; bits < 1 << 10; bits++) {
                AlignmentContext c = AlignmentContext.fromBits(bits);
                boolean moves = switch (stage) {
                    case UNDEFINED -> !(c.smallBusiness() && c.informalRelationsGood() && !c.conflictsRecurring()
                            && !c.competingForResources());
                    case DEFINED -> c.marketCommoditizing() || c.marketCustomizing() || c.fastChangingMarket();
                    case ALIGNED -> c.salesCycleLongOrComplex() || c.fastChangingMarket();
                    case INTEGRATED -> false;
                };
                Decision decision = DecisionGate.decide(stage, c);
                assertThat(decision.recommendation()).as("%s %s", stage, c)
                        .isEqualTo(moves ? Recommendation.MOVE_UP : Recommendation.HOLD);
                assertThat(decision.targetStage()).as("%s %s", stage, c).isEqualTo(moves ? stage.next() : null);
            }
        }
    }

    @Test
    void movingToIntegratedWithoutASharedCultureWarnsThatCultureIsTheHardestPart() {
        Decision without = DecisionGate.decide(Stage.ALIGNED, context("lc"));
        Decision with = DecisionGate.decide(Stage.ALIGNED, context("lc sr"));

        assertThat(String.join(" ", without.reasons())).contains("hardest part");
        assertThat(String.join(" ", with.reasons())).doesNotContain("hardest part");
    }

    @Test
    void reasonsCiteTheContextAnswers() {
        assertThat(DecisionGate.decide(Stage.DEFINED, context("co")).reasons().get(0)).contains("commoditizing");
        assertThat(DecisionGate.decide(Stage.UNDEFINED, context("sb ir cr")).reasons().get(0))
                .contains("conflicts").contains("keep recurring");
        assertThat(DecisionGate.decide(Stage.ALIGNED, context("lc")).reasons().get(0))
                .contains("long or complex");
    }

    static AlignmentContext context(String flags) {
        Set<String> on = new HashSet<>(Arrays.asList((flags == null ? "" : flags).trim().split("\\s+")));
        return new AlignmentContext(on.contains("sb"), on.contains("ir"), on.contains("ms"), on.contains("cr"),
                on.contains("cf"), on.contains("co"), on.contains("cu"), on.contains("lc"), on.contains("fc"),
                on.contains("sr"));
    }
}
