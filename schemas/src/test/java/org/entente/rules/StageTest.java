package org.entente.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageTest {

    @Test
    void bandsOnTotals() {
        assertThat(Stage.of(20)).isEqualTo(Stage.UNDEFINED);
        assertThat(Stage.of(39)).isEqualTo(Stage.UNDEFINED);
        assertThat(Stage.of(40)).isEqualTo(Stage.DEFINED);
        assertThat(Stage.of(59)).isEqualTo(Stage.DEFINED);
        assertThat(Stage.of(60)).isEqualTo(Stage.ALIGNED);
        assertThat(Stage.of(79)).isEqualTo(Stage.ALIGNED);
        assertThat(Stage.of(80)).isEqualTo(Stage.INTEGRATED);
        assertThat(Stage.of(100)).isEqualTo(Stage.INTEGRATED);
    }

    @Test
    void aScoreOf59AndAHalfIsStillDefined() {
        assertThat(Stage.of(59.5)).isEqualTo(Stage.DEFINED);
        assertThat(Stage.of(79.99)).isEqualTo(Stage.ALIGNED);
    }

    @Test
    void nearBoundaryMeansWithinTwoPointsOfAnInnerEdge() {
        assertThat(Stage.nearBoundary(58)).isTrue();
        assertThat(Stage.nearBoundary(62)).isTrue();
        assertThat(Stage.nearBoundary(59.5)).isTrue();
        assertThat(Stage.nearBoundary(57.9)).isFalse();
        assertThat(Stage.nearBoundary(62.1)).isFalse();
        assertThat(Stage.nearBoundary(38)).isTrue();
        assertThat(Stage.nearBoundary(81)).isTrue();
        assertThat(Stage.nearBoundary(50)).isFalse();
        assertThat(Stage.nearBoundary(21)).isFalse();
        assertThat(Stage.nearBoundary(99)).isFalse();
    }

    @Test
    void bandsHaveTheirEdgesAndLeadOneUp() {
        assertThat(Stage.DEFINED.low()).isEqualTo(40);
        assertThat(Stage.DEFINED.high()).isEqualTo(60);
        assertThat(Stage.ALIGNED.label()).isEqualTo("Aligned");
        assertThat(Stage.UNDEFINED.next()).isEqualTo(Stage.DEFINED);
        assertThat(Stage.INTEGRATED.next()).isNull();
        for (Stage stage : Stage.values()) {
            assertThat(Stage.of(stage.low())).as("the low edge belongs to its band").isEqualTo(stage);
        }
    }

    @Test
    void everyStageIsAStageOfTheContract() {
        for (Stage stage : Stage.values()) {
            assertThat(org.entente.events.Stage.valueOf(stage.name())).isNotNull();
        }
        assertThat(Stage.values()).hasSameSizeAs(org.entente.events.Stage.values());
    }
}
