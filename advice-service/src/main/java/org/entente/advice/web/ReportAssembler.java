package org.entente.advice.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.entente.advice.domain.Advisor;
import org.entente.advice.domain.Playbook;
import org.entente.advice.domain.StatementSuggestions;
import org.entente.events.AdviceAction;
import org.entente.events.AdviceGenerated;
import org.entente.events.AssessmentOpened;
import org.entente.events.FocusKind;
import org.entente.events.FunctionScore;
import org.entente.events.StageClassified;
import org.entente.events.StatementFocus;
import org.entente.events.StatementScore;
import org.entente.rules.Stage;
import org.entente.rules.Statements;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the report page's {@link ReportView} from what advice-service keeps about an assessment: its opening, its
 * latest stage revision, the advice on it, and the organization's other assessments for the trend.
 */
public final class ReportAssembler {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The ends of the 20–100 scale the report draws, from the stage bands. */
    private static final double SCALE_LOW = Stage.UNDEFINED.low();
    private static final double SCALE_SPAN = Stage.INTEGRATED.high() - SCALE_LOW;

    /** About the width of a pin's label, in percent of the scale: closer pins go on two rows. */
    private static final double PIN_WIDTH = 14;

    private final JsonMapper json;

    public ReportAssembler(JsonMapper json) {
        this.json = json;
    }

    /**
     * @param opened the assessment's opening, or {@code null} when it has not been seen
     * @param history the organization's assessments with their latest stages (may include this one)
     */
    public ReportView assemble(AssessmentOpened opened, StageClassified stage, AdviceGenerated advice,
            List<TrendEntry> history) {
        Stage current = Stage.valueOf(stage.getStage().name());
        List<ReportView.Band> bands = new ArrayList<>();
        for (Stage band : Stage.values()) {
            bands.add(new ReportView.Band(band.name(), band.label(), band.low(), band.high(),
                    (band.high() - band.low()) * 100.0 / SCALE_SPAN, band == current));
        }
        ReportView.Side sales = side("Sales", stage.getSales(), 0);
        ReportView.Side marketing = side("Marketing", stage.getMarketing(), 0);
        if (sales != null && marketing != null && Math.abs(sales.position() - marketing.position()) < PIN_WIDTH) {
            marketing = side("Marketing", stage.getMarketing(), 1);
        }

        List<ReportView.FocusItem> weakest = new ArrayList<>();
        List<ReportView.FocusItem> gaps = new ArrayList<>();
        for (StatementFocus focus : advice.getFocus()) {
            if (focus.getKind() == FocusKind.WEAKEST) {
                weakest.add(new ReportView.FocusItem(focus.getStatement(), Statements.label(focus.getStatement()),
                        one(focus.getMean()), focus.getGap() == null ? "" : gapWords(focus.getGap()),
                        focus.getSuggestion()));
            } else {
                gaps.add(new ReportView.FocusItem(focus.getStatement(), Statements.label(focus.getStatement()),
                        one(focus.getMean()), focus.getGap() == null ? "" : gapWords(focus.getGap()),
                        StatementSuggestions.forGap(focus.getStatement())));
            }
        }

        List<ReportView.Action> actions = advice.getActions().stream()
                .sorted(Comparator.comparingInt(AdviceAction::getPriority))
                .map(a -> new ReportView.Action(a.getPriority(), a.getId(), a.getTitle(), ownerLabel(a),
                        transitionLabel(a), a.getExplanation(),
                        a.getMotivatedBy().stream().map(n -> "#" + n + " " + Statements.label(n)).toList()))
                .toList();

        Stage target = advice.getTargetStage() == null ? null : Stage.valueOf(advice.getTargetStage().name());
        String headline = target == null ? "Hold at " + current.label() : "Move up to " + target.label();

        List<ReportView.TrendPoint> trend = trend(TrendEntry.of(opened, stage), history);
        String title = opened == null ? "Assessment " + stage.getAssessmentId() : opened.getTitle();
        return new ReportView(
                stage.getAssessmentId(),
                title,
                opened == null ? "" : opened.getOrganization(),
                opened == null ? "" : DAY.format(opened.getOpensAt()),
                stage.getFinal$() ? "Final result" : "Interim result, revision " + stage.getRevision(),
                stage.getRevision(),
                stage.getRespondentCount(),
                stage.getNamed() || (opened != null && opened.getNamed()),
                heldBack(stage),
                one(stage.getScore()),
                current.name(),
                current.label(),
                summary(current),
                position(stage.getScore()),
                bands,
                sales,
                marketing,
                perceptionGap(stage),
                stage.getNearBoundary(),
                advice.getRecommendation().name(),
                headline,
                List.copyOf(advice.getRationale()),
                actions,
                weakest,
                gaps,
                statementChart(stage),
                trend,
                trendChart(trend),
                MINUTE.format(advice.getGeneratedAt()));
    }

    /**
     * "2 late responses are not shown, to protect anonymity" on a final revision that held some back; on an interim
     * one, that they wait for more; empty when none.
     */
    static String heldBack(StageClassified stage) {
        int n = stage.getHeldBack();
        if (n <= 0) {
            return "";
        }
        String responses = n == 1 ? "1 late response is" : n + " late responses are";
        return stage.getFinal$() ? responses + " not shown, to protect anonymity."
                : (n == 1 ? "1 newer response is" : n + " newer responses are")
                        + " not shown yet: they will be once enough others have come in to keep them anonymous.";
    }

    private static ReportView.Side side(String name, FunctionScore score, int row) {
        if (score == null) {
            return null;
        }
        return new ReportView.Side(name, one(score.getMeanTotal()), Stage.of(score.getMeanTotal()).label(),
                score.getRespondentCount(), position(score.getMeanTotal()), row);
    }

    /** Percent along the 20–100 scale, clamped. */
    static double position(double score) {
        return Math.max(0, Math.min(100, (score - SCALE_LOW) * 100 / SCALE_SPAN));
    }

    private static String perceptionGap(StageClassified stage) {
        Double gap = stage.getPerceptionGap();
        if (gap == null) {
            return "";
        }
        if (Math.abs(gap) < 0.05) {
            return "Sales and Marketing see the relationship the same way.";
        }
        if (Math.abs(gap) < Advisor.SAME_VIEW) {
            return String.format(Locale.ROOT, "Sales and Marketing see the relationship much the same way (%s %.1f "
                    + "points higher).", gap > 0 ? "Sales" : "Marketing", Math.abs(gap));
        }
        return String.format(Locale.ROOT, "%s sees the relationship %.1f points more favorably than %s.",
                gap > 0 ? "Sales" : "Marketing", Math.abs(gap), gap > 0 ? "Marketing" : "Sales");
    }

    private static String gapWords(double gap) {
        return String.format(Locale.ROOT, "%s %.1f higher", gap > 0 ? "Sales" : "Marketing", Math.abs(gap));
    }

    private static String ownerLabel(AdviceAction action) {
        return switch (action.getOwner()) {
            case SALES -> "Sales";
            case MARKETING -> "Marketing";
            case JOINT -> "Sales and Marketing";
            case EXECUTIVE -> "Executive team";
        };
    }

    /**
     * "Defined → Aligned", from the playbook action the id names; an id the playbook does not know (advice from a
     * newer advisor) shows the contract's transition as it is.
     */
    private static String transitionLabel(AdviceAction action) {
        return Playbook.byId(action.getId())
                .map(play -> play.from().label() + " → " + play.to().label())
                .orElse(action.getTransition());
    }

    /** What the stage looks like day to day, in one sentence. */
    static String summary(Stage stage) {
        return switch (stage) {
            case UNDEFINED -> "Each team follows its own agenda, and friction is handled case by case, often with blame.";
            case DEFINED -> "Rules and handoff points keep conflict down, but the two teams still mostly work apart.";
            case ALIGNED -> "The teams plan and work together on shared terms while keeping their distinct roles.";
            case INTEGRATED -> "One revenue process: shared goals, metrics and rewards, with the boundary largely gone.";
        };
    }

    private String statementChart(StageClassified stage) {
        List<String> labels = new ArrayList<>();
        List<Double> overall = new ArrayList<>();
        List<Double> sales = new ArrayList<>();
        List<Double> marketing = new ArrayList<>();
        boolean split = true;
        for (StatementScore s : stage.getStatements().stream()
                .sorted(Comparator.comparingInt(StatementScore::getStatement)).toList()) {
            labels.add(s.getStatement() + ". " + Statements.label(s.getStatement()));
            overall.add(round(s.getMean()));
            sales.add(s.getSalesMean() == null ? null : round(s.getSalesMean()));
            marketing.add(s.getMarketingMean() == null ? null : round(s.getMarketingMean()));
            split &= s.getSalesMean() != null && s.getMarketingMean() != null;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", labels);
        data.put("overall", overall);
        if (split) {
            data.put("sales", sales);
            data.put("marketing", marketing);
        }
        return json.writeValueAsString(data);
    }

    private static List<ReportView.TrendPoint> trend(TrendEntry current, List<TrendEntry> history) {
        Map<String, TrendEntry> byId = new LinkedHashMap<>();
        history.forEach(h -> byId.put(h.assessmentId(), h));
        byId.put(current.assessmentId(), current);
        return byId.values().stream()
                .sorted(Comparator.comparing(TrendEntry::when).thenComparing(TrendEntry::assessmentId))
                .map(e -> new ReportView.TrendPoint(e.assessmentId(),
                        e.title() == null ? e.assessmentId() : e.title(), DAY.format(e.when()), one(e.score()),
                        Stage.valueOf(e.stage()).label(), e.salesMean() == null ? "" : one(e.salesMean()),
                        e.marketingMean() == null ? "" : one(e.marketingMean()),
                        e.assessmentId().equals(current.assessmentId())))
                .toList();
    }

    private String trendChart(List<ReportView.TrendPoint> trend) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", trend.stream().map(t -> t.title() + " (" + t.opened() + ")").toList());
        data.put("score", trend.stream().map(t -> Double.valueOf(t.score())).toList());
        data.put("sales", trend.stream().map(t -> t.sales().isEmpty() ? null : Double.valueOf(t.sales())).toList());
        data.put("marketing", trend.stream()
                .map(t -> t.marketing().isEmpty() ? null : Double.valueOf(t.marketing())).toList());
        return json.writeValueAsString(data);
    }

    private static String one(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
