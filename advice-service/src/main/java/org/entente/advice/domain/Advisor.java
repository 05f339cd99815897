package org.entente.advice.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.entente.rules.Stage;
import org.entente.rules.Statements;

/**
 * Turns one revision of an assessment's score, the organization's context answers and (when present) the funnel's
 * alignment signals into advice: the gate's decision, a rationale in plain sentences, the ranked actions of the
 * transition, and the statements to focus on. Pure: the same inputs always give the same advice.
 */
public final class Advisor {

    /** How many weakest statements and widest gaps the advice names. */
    public static final int FOCUS_SIZE = 3;
    /** A per-statement gap smaller than this (on the 1–5 scale) is not worth naming as a perception gap. */
    public static final double MIN_NOTABLE_GAP = 0.5;
    /** How far below the average statement the weakest must be for the rationale to single it out. */
    public static final double MIN_NOTABLE_WEAKNESS = 0.2;
    /** A gap in mean totals (20–100) below this counts as seeing the relationship the same way. */
    public static final double SAME_VIEW = 3.0;

    private Advisor() {
    }

    /**
     * @param context the organization's answers, or {@code null} when they have not arrived (treated as all "no")
     * @param signals the funnel's alignment signals for the organization, or {@code null} when there are none
     */
    public static Advice advise(Scores scores, AlignmentContext context, AlignmentSignals signals) {
        AlignmentContext answers = context == null ? AlignmentContext.NONE : context;
        Decision decision = DecisionGate.decide(scores.stage(), answers);

        List<String> rationale = new ArrayList<>();
        rationale.add(scoreSentence(scores));
        String views = viewsSentence(scores);
        if (views != null) {
            rationale.add(views);
        }
        if (scores.nearBoundary()) {
            rationale.add("The score sits within two points of a band edge, so a few answers either way could change "
                    + "the stage; read the stage as provisional.");
        }
        if (context == null) {
            rationale.add("The organization's answers to \"Do we need to be more aligned?\" have not arrived yet, so "
                    + "this advice assumes \"no\" to each of them; it is revised as soon as they arrive.");
        }
        rationale.addAll(decision.reasons());
        if (decision.movesUp() && answers.marketingMainlySupportsSales()) {
            rationale.add("You answered that Marketing mainly supports Sales; moving up also means giving Marketing "
                    + "a real say in strategy, not only in collateral.");
        }

        List<StatementResult> weakest = weakest(scores.statements());
        double average = scores.statements().stream().mapToDouble(StatementResult::mean).average().orElse(0);
        if (!weakest.isEmpty() && weakest.get(0).mean() <= average - MIN_NOTABLE_WEAKNESS) {
            StatementResult first = weakest.get(0);
            rationale.add(String.format(Locale.ROOT, "The weakest statement is #%d, \"%s\", at %.1f of 5.",
                    first.statement(), Statements.label(first.statement()), first.mean()));
        }

        Set<String> boosted = new LinkedHashSet<>();
        if (signals != null) {
            rationale.addAll(signalSentences(signals, boosted));
        }

        List<RankedAction> actions = decision.movesUp()
                ? ActionRanker.rank(Playbook.from(scores.stage()), scores.statements(), boosted)
                : List.of();
        if (!actions.isEmpty()) {
            RankedAction top = actions.get(0);
            rationale.add(String.format(Locale.ROOT, "Start with \"%s\": its statements (%s) scored weakest or "
                    + "split the two teams most.", top.play().title(), numbers(top.motivatedBy())));
        }
        return new Advice(scores.revision(), scores.stage(), decision.recommendation(), decision.targetStage(),
                rationale, actions, focus(scores.statements()));
    }

    /** The lowest-scoring statements, weakest first (ties by statement number). */
    public static List<StatementResult> weakest(List<StatementResult> statements) {
        return statements.stream()
                .sorted(Comparator.comparingDouble(StatementResult::mean)
                        .thenComparingInt(StatementResult::statement))
                .limit(FOCUS_SIZE)
                .toList();
    }

    /** The statements Sales and Marketing see furthest apart, widest first, ignoring small differences. */
    public static List<StatementResult> widestGaps(List<StatementResult> statements) {
        return statements.stream()
                .filter(s -> s.distance() >= MIN_NOTABLE_GAP)
                .sorted(Comparator.comparingDouble(StatementResult::distance).reversed()
                        .thenComparingInt(StatementResult::statement))
                .limit(FOCUS_SIZE)
                .toList();
    }

    static List<Focus> focus(List<StatementResult> statements) {
        List<Focus> focus = new ArrayList<>();
        for (StatementResult s : weakest(statements)) {
            focus.add(new Focus(s.statement(), Focus.Kind.WEAKEST, s.mean(), rounded(s.gap()),
                    StatementSuggestions.suggestion(s.statement())));
        }
        for (StatementResult s : widestGaps(statements)) {
            double gap = s.gap();
            String higher = gap > 0 ? "Sales" : "Marketing";
            String lower = gap > 0 ? "Marketing" : "Sales";
            String step = StatementSuggestions.forGap(s.statement());
            focus.add(new Focus(s.statement(), Focus.Kind.PERCEPTION_GAP, s.mean(), rounded(gap), String.format(Locale.ROOT,
                    "%s rates this %.1f points higher than %s: %s%s", higher, Math.abs(gap), lower,
                    Character.toLowerCase(step.charAt(0)), step.substring(1))));
        }
        return focus;
    }

    /** Gaps are differences of means: two decimals say all there is to say. */
    private static Double rounded(Double value) {
        return value == null ? null : Math.round(value * 100) / 100.0;
    }

    private static String scoreSentence(Scores s) {
        String which = s.isFinal()
                ? "This is the final result of the assessment."
                : "This is revision " + s.revision() + ", an interim result while responses may still arrive.";
        return String.format(Locale.ROOT, "The overall score is %.1f on the 20–100 scale, in the %s band (%d–%d), "
                + "from %d respondents. %s", s.score(), s.stage().label(), s.stage().low(), s.stage().high(),
                s.respondentCount(), which);
    }

    private static String viewsSentence(Scores s) {
        Double gap = s.perceptionGap();
        if (gap == null) {
            return null;
        }
        String both = String.format(Locale.ROOT, "Sales averages %.1f (%s) and Marketing %.1f (%s)",
                s.salesMeanTotal(), Stage.of(s.salesMeanTotal()).label(), s.marketingMeanTotal(),
                Stage.of(s.marketingMeanTotal()).label());
        if (Math.abs(gap) < SAME_VIEW) {
            return both + ": the two teams see the relationship much the same way.";
        }
        return String.format(Locale.ROOT, "%s: %s sees the relationship %.1f points more favorably, a difference "
                + "worth discussing openly.", both, gap > 0 ? "Sales" : "Marketing", Math.abs(gap));
    }

    private static List<String> signalSentences(AlignmentSignals s, Set<String> boosted) {
        List<String> sentences = new ArrayList<>();
        if (s.handoffs() <= 0) {
            return sentences;
        }
        if (s.acceptanceRate() != null && s.acceptanceRate() < 0.7) {
            sentences.add(String.format(Locale.ROOT, "The shared funnel shows Sales accepting only %.0f%% of the %d "
                    + "leads Marketing handed off (%d rejected): the teams do not yet agree on what a good lead is.",
                    s.acceptanceRate() * 100, s.handoffs(), s.rejected()));
            boosted.addAll(List.of("common-lead-definition", "lead-handoff-points", "sales-feedback",
                    "integrated-metrics"));
        }
        if (s.slaCompliance() != null && s.slaCompliance() < 0.9) {
            sentences.add(String.format(Locale.ROOT, "Only %.0f%% of handoffs were answered within the agreed time: "
                    + "the handoff itself needs rules both teams keep.", s.slaCompliance() * 100));
            boosted.addAll(List.of("rules-of-engagement", "lead-handoff-points", "disciplined-communication",
                    "shared-funnel"));
        }
        if (s.recycleRate() != null && s.recycleRate() > 0.2) {
            // Recycle rate is recycled / rejected: a share of the rejected leads, not of every lead handed off.
            sentences.add(String.format(Locale.ROOT, "%.0f%% of rejected leads were recycled to Marketing (%d of %d "
                    + "rejected): Sales' reasons should flow back into how leads are defined and nurtured.",
                    s.recycleRate() * 100, s.recycled(), s.rejected()));
            boosted.addAll(List.of("common-lead-definition", "sales-feedback", "shared-funnel"));
        }
        return sentences;
    }

    private static String numbers(List<Integer> statements) {
        return String.join(", ", statements.stream().map(n -> "#" + n).toList());
    }
}
