package org.entente.advice.stream;

import java.time.Instant;
import java.util.List;
import org.entente.advice.domain.Advice;
import org.entente.advice.domain.AlignmentContext;
import org.entente.advice.domain.AlignmentSignals;
import org.entente.advice.domain.RankedAction;
import org.entente.advice.domain.Scores;
import org.entente.advice.domain.StatementResult;
import org.entente.events.AdviceAction;
import org.entente.events.AdviceGenerated;
import org.entente.events.FocusKind;
import org.entente.events.FunctionScore;
import org.entente.events.FunnelMetrics;
import org.entente.events.Owner;
import org.entente.events.Recommendation;
import org.entente.events.Stage;
import org.entente.events.StageClassified;
import org.entente.events.StatementFocus;

/** Maps between the Avro contract classes and the plain-Java advice domain, field by field. */
public final class EventMapping {

    private EventMapping() {
    }

    public static Scores scores(StageClassified event) {
        List<StatementResult> statements = event.getStatements().stream()
                .map(s -> new StatementResult(s.getStatement(), s.getMean(), s.getSalesMean(), s.getMarketingMean()))
                .toList();
        return new Scores(event.getRevision(), event.getFinal$(), stage(event.getStage()), event.getScore(),
                event.getRespondentCount(), meanTotal(event.getSales()), meanTotal(event.getMarketing()),
                event.getNearBoundary(), statements);
    }

    public static AlignmentContext context(org.entente.events.AlignmentContext c) {
        return new AlignmentContext(c.getSmallBusiness(), c.getInformalRelationsGood(),
                c.getMarketingMainlySupportsSales(), c.getConflictsRecurring(), c.getCompetingForResources(),
                c.getMarketCommoditizing(), c.getMarketCustomizing(), c.getSalesCycleLongOrComplex(),
                c.getFastChangingMarket(), c.getSharedResponsibilityCulture());
    }

    public static AlignmentSignals signals(FunnelMetrics m) {
        return new AlignmentSignals(m.getHandoffs(), m.getRejected(), m.getRecycled(), m.getAcceptanceRate(),
                m.getSlaCompliance(), m.getRecycleRate());
    }

    public static AdviceGenerated adviceGenerated(String assessmentId, Advice advice, Instant generatedAt) {
        List<AdviceAction> actions = advice.actions().stream().map(EventMapping::action).toList();
        List<StatementFocus> focus = advice.focus().stream()
                .map(f -> StatementFocus.newBuilder()
                        .setStatement(f.statement())
                        .setKind(FocusKind.valueOf(f.kind().name()))
                        .setMean(f.mean())
                        .setGap(f.gap())
                        .setSuggestion(f.suggestion())
                        .build())
                .toList();
        return AdviceGenerated.newBuilder()
                .setAssessmentId(assessmentId)
                .setBasedOnRevision(advice.basedOnRevision())
                .setCurrentStage(Stage.valueOf(advice.currentStage().name()))
                .setRecommendation(Recommendation.valueOf(advice.recommendation().name()))
                .setTargetStage(advice.targetStage() == null ? null : Stage.valueOf(advice.targetStage().name()))
                .setRationale(advice.rationale())
                .setActions(actions)
                .setFocus(focus)
                .setGeneratedAt(generatedAt)
                .build();
    }

    private static AdviceAction action(RankedAction ranked) {
        return AdviceAction.newBuilder()
                .setId(ranked.play().id())
                .setTitle(ranked.play().title())
                .setTransition(ranked.play().transition())
                .setOwner(Owner.valueOf(ranked.play().owner().name()))
                .setPriority(ranked.priority())
                .setMotivatedBy(ranked.motivatedBy())
                .setExplanation(ranked.play().explanation())
                .build();
    }

    public static org.entente.rules.Stage stage(Stage stage) {
        return org.entente.rules.Stage.valueOf(stage.name());
    }

    private static Double meanTotal(FunctionScore score) {
        return score == null ? null : score.getMeanTotal();
    }
}
