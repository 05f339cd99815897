package org.entente.advice.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Orders a transition's actions so the first one addresses what hurts most. An action's weight is how weak its
 * motivating statements scored ((5 − mean) / 4, averaged) plus how far Sales and Marketing disagree on them
 * (|sales − marketing| / 4, averaged), plus a fixed boost when the funnel's alignment signals point at it. Equal
 * weights keep the playbook's order. Statements without a score count as neither weak nor disputed.
 */
public final class ActionRanker {

    /** What a funnel signal adds to an action it points at: about one point of weakness on a 5-point scale. */
    public static final double SIGNAL_BOOST = 0.25;

    private ActionRanker() {
    }

    public static List<RankedAction> rank(List<Play> plays, List<StatementResult> statements, Set<String> boosted) {
        Map<Integer, StatementResult> byNumber = statements.stream()
                .collect(Collectors.toMap(StatementResult::statement, Function.identity(), (a, b) -> b));
        record Weighted(Play play, int order, double weight) {
        }
        List<Weighted> weighted = new ArrayList<>();
        for (int i = 0; i < plays.size(); i++) {
            Play play = plays.get(i);
            double weight = weakness(play, byNumber) + disagreement(play, byNumber)
                    + (boosted.contains(play.id()) ? SIGNAL_BOOST : 0);
            weighted.add(new Weighted(play, i, weight));
        }
        weighted.sort(Comparator.comparingDouble(Weighted::weight).reversed().thenComparingInt(Weighted::order));
        List<RankedAction> ranked = new ArrayList<>();
        for (int i = 0; i < weighted.size(); i++) {
            Weighted w = weighted.get(i);
            ranked.add(new RankedAction(w.play(), i + 1, w.weight(), w.play().motivatedBy()));
        }
        return ranked;
    }

    static double weakness(Play play, Map<Integer, StatementResult> byNumber) {
        return play.motivatedBy().stream()
                .mapToDouble(n -> byNumber.containsKey(n) ? (5 - byNumber.get(n).mean()) / 4 : 0)
                .average().orElse(0);
    }

    static double disagreement(Play play, Map<Integer, StatementResult> byNumber) {
        return play.motivatedBy().stream()
                .mapToDouble(n -> byNumber.containsKey(n) ? byNumber.get(n).distance() / 4 : 0)
                .average().orElse(0);
    }
}
