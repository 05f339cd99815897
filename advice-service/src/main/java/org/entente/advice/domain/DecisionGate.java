package org.entente.advice.domain;

import java.util.ArrayList;
import java.util.List;
import org.entente.rules.Stage;

/**
 * The "should we move up a stage?" gate of the design, from the current stage and the organization's context
 * answers. Moving is never free: the gate only recommends it where the context says the next stage pays off.
 * It decides the direction only; which actions to take is the {@link Playbook}'s job.
 */
public final class DecisionGate {

    private DecisionGate() {
    }

    public static Decision decide(Stage stage, AlignmentContext context) {
        return switch (stage) {
            case UNDEFINED -> fromUndefined(context);
            case DEFINED -> fromDefined(context);
            case ALIGNED -> fromAligned(context);
            case INTEGRATED -> new Decision(Recommendation.HOLD, null, List.of(
                    "At the Integrated stage the work is to sustain it: keep the shared metrics honest and keep "
                            + "improving the joint processes rather than reorganizing again."));
        };
    }

    private static Decision fromUndefined(AlignmentContext c) {
        if (c.smallBusiness() && c.informalRelationsGood() && !c.conflictsRecurring() && !c.competingForResources()) {
            return new Decision(Recommendation.HOLD, null, List.of(
                    "You answered that the business is small and that informal relations between Sales and Marketing "
                            + "are good, with no recurring conflicts and no fight over resources: a working informal "
                            + "relationship is best left alone, so hold rather than formalize it."));
        }
        List<String> why = new ArrayList<>();
        if (c.conflictsRecurring()) {
            why.add("conflicts between the two teams keep recurring");
        }
        if (c.competingForResources()) {
            why.add("the teams compete for resources");
        }
        if (!c.smallBusiness()) {
            why.add("the business is not small enough to run on personal contact alone");
        }
        if (!c.informalRelationsGood()) {
            why.add("informal relations are not good enough to rely on");
        }
        return new Decision(Recommendation.MOVE_UP, Stage.DEFINED, List.of(
                "Move up to Defined: " + joined(why) + ", so put basic rules, handoff points and a shared "
                        + "definition of a lead in place."));
    }

    private static Decision fromDefined(AlignmentContext c) {
        List<String> why = new ArrayList<>();
        if (c.marketCommoditizing()) {
            why.add("your market is commoditizing");
        }
        if (c.marketCustomizing()) {
            why.add("customers expect customized offerings");
        }
        if (c.fastChangingMarket()) {
            why.add("your market changes fast");
        }
        if (why.isEmpty()) {
            return new Decision(Recommendation.HOLD, null, List.of(
                    "You did not report a commoditizing, customizing or fast-changing market, so the clear rules of "
                            + "the Defined stage serve you well: hold, and keep those rules working."));
        }
        return new Decision(Recommendation.MOVE_UP, Stage.ALIGNED, List.of(
                "Move up to Aligned: " + joined(why) + ", which means your industry is changing significantly and "
                        + "Sales and Marketing need to plan and work together, not just follow rules."));
    }

    private static Decision fromAligned(AlignmentContext c) {
        List<String> why = new ArrayList<>();
        if (c.salesCycleLongOrComplex()) {
            why.add("your sales cycle is long or complex");
        }
        if (c.fastChangingMarket()) {
            why.add("your market changes fast");
        }
        if (why.isEmpty()) {
            return new Decision(Recommendation.HOLD, null, List.of(
                    "Most organizations function well at the Aligned stage, and with neither a long or complex sales "
                            + "cycle nor a fast-changing market, full integration would cost more than it returns: "
                            + "hold."));
        }
        List<String> reasons = new ArrayList<>();
        reasons.add("Move up to Integrated: " + joined(why) + ", so a single revenue process with shared "
                + "targets and metrics will pay off.");
        reasons.add(c.sharedResponsibilityCulture()
                ? "Your culture already shares responsibility for results, which makes this move easier."
                : "A warning: you did not report a culture of shared responsibility, and changing that culture "
                        + "will be the hardest part of the move. Start there.");
        return new Decision(Recommendation.MOVE_UP, Stage.INTEGRATED, reasons);
    }

    private static String joined(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
