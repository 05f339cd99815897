package org.entente.advice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.entente.advice.ReportFixtures;
import org.entente.advice.domain.Advisor;
import org.entente.advice.domain.AlignmentContext;
import org.entente.advice.domain.StatementSuggestions;
import org.entente.advice.stream.EventMapping;
import org.entente.events.AdviceGenerated;
import org.entente.events.AssessmentOpened;
import org.entente.events.FocusKind;
import org.entente.events.StageClassified;
import org.entente.events.StatementFocus;
import org.entente.events.StatementScore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ReportAssemblerTest {

    private final ReportAssembler assembler = new ReportAssembler(JsonMapper.builder().build());

    @Test
    void showsTheScoreOnTheScaleWithBothFunctionsAndOrdersTheTrendByOpeningDate() {
        AssessmentOpened q1 = opened("q1", "2026-01-10T00:00:00Z");
        AssessmentOpened q2 = opened("q2", "2026-04-10T00:00:00Z");
        StageClassified q1Stage = ReportFixtures.stage("q1", 4, true, -0.5);
        StageClassified q2Stage = ReportFixtures.stage("q2", 2, false, 0);
        ReportView view = assembler.assemble(q2, q2Stage, advice(q2Stage),
                List.of(TrendEntry.of(q2, q2Stage), TrendEntry.of(q1, q1Stage)));

        assertThat(view.score()).isEqualTo("50.4");
        assertThat(view.stageLabel()).isEqualTo("Defined");
        assertThat(view.bands()).filteredOn(ReportView.Band::current).extracting(ReportView.Band::stage)
                .containsExactly("DEFINED");
        assertThat(view.scorePosition()).isEqualTo((50.4 - 20) * 100 / 80, org.assertj.core.api.Assertions.within(0.1));
        assertThat(view.sales().meanTotal()).isEqualTo("51.9");
        assertThat(view.marketing().meanTotal()).isEqualTo("48.9");
        assertThat(view.marketing().row()).as("close pins go on two rows").isEqualTo(1);
        assertThat(view.headline()).isEqualTo("Move up to Aligned");
        assertThat(view.trend()).extracting(ReportView.TrendPoint::assessmentId).containsExactly("q1", "q2");
        assertThat(view.trend()).extracting(ReportView.TrendPoint::current).containsExactly(false, true);
        assertThat(view.statementChartJson()).contains("\"labels\":[\"1. Sales lands close to forecast\"")
                .contains("\"sales\":[4.1,").contains("\"marketing\":[3.2,");
        assertThat(view.actions()).extracting(ReportView.Action::priority).containsExactly(1, 2, 3, 4, 5);
        assertThat(view.actions()).extracting(ReportView.Action::transition).containsOnly("Defined → Aligned");
        assertThat(view.weakest()).hasSize(3);
    }

    @Test
    void saysHowManyResponsesTheRevisionHoldsBackAndWhetherTheAssessmentIsNamed() {
        AssessmentOpened q1 = opened("q1", "2026-01-10T00:00:00Z");
        StageClassified interim = ReportFixtures.stage("q1", 2, false, 0);
        interim.setHeldBack(1);
        StageClassified last = ReportFixtures.stage("q1", 3, true, 0);
        last.setHeldBack(2);
        StageClassified none = ReportFixtures.stage("q1", 4, true, 0);

        assertThat(assembler.assemble(q1, last, advice(last), List.of()).heldBack())
                .isEqualTo("2 late responses are not shown, to protect anonymity.");
        assertThat(assembler.assemble(q1, interim, advice(interim), List.of()).heldBack())
                .startsWith("1 newer response is not shown yet");
        ReportView anonymous = assembler.assemble(q1, none, advice(none), List.of());
        assertThat(anonymous.heldBack()).isEmpty();
        assertThat(anonymous.named()).isFalse();

        AssessmentOpened named = opened("q1", "2026-01-10T00:00:00Z");
        named.setNamed(true);
        assertThat(assembler.assemble(named, none, advice(none), List.of()).named()).isTrue();
        StageClassified namedStage = ReportFixtures.stage("q1", 4, true, 0);
        namedStage.setNamed(true);
        assertThat(assembler.assemble(null, namedStage, advice(namedStage), List.of()).named())
                .as("the revision says so even before the opening is seen").isTrue();
    }

    @Test
    void aGapShowsWhatToDoWithoutRepeatingTheGapInWords() {
        StageClassified stage = ReportFixtures.stage("q1", 2, false, 0);
        stage.getStatements().set(2, StatementScore.newBuilder(stage.getStatements().get(2))
                .setSalesMean(4.4).setMarketingMean(2.4).setMean(3.4).build());
        AdviceGenerated advice = advice(stage);

        ReportView view = assembler.assemble(null, stage, advice, List.of());

        assertThat(advice.getFocus()).filteredOn(f -> f.getKind() == FocusKind.PERCEPTION_GAP).first()
                .extracting(StatementFocus::getSuggestion).asString().startsWith("Sales rates this 2.0 points higher");
        assertThat(view.gaps()).first().satisfies(gap -> {
            assertThat(gap.statement()).isEqualTo(3);
            assertThat(gap.suggestion()).isEqualTo(StatementSuggestions.forGap(3)).startsWith("Talk through why");
        });
    }

    private static AssessmentOpened opened(String id, String opensAt) {
        return ReportFixtures.opened(id, "acme", "Check " + id, Instant.parse(opensAt),
                org.entente.events.AlignmentContext.newBuilder().setFastChangingMarket(true).build());
    }

    private static AdviceGenerated advice(StageClassified stage) {
        return EventMapping.adviceGenerated(stage.getAssessmentId(), Advisor.advise(EventMapping.scores(stage),
                new AlignmentContext(false, false, false, false, false, false, false, false, true, false), null),
                Instant.parse("2026-04-20T00:00:00Z"));
    }
}
