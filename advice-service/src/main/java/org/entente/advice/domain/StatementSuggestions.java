package org.entente.advice.domain;

import java.util.List;
import org.entente.rules.Statements;

/**
 * For each of the instrument's statements, what a team can do about it this quarter when it scores weak: the advice's
 * own words, in statement order. The statements' short labels are everyone's ({@link Statements}). Covers instrument
 * version 1 only.
 */
public final class StatementSuggestions {

    private static final List<String> SUGGESTIONS = List.of(
            "Review last quarter's forecast misses together and agree which pipeline signals both teams trust.",
            "After the next disappointing month, hold one joint review about causes, not culprits.",
            "Bring a marketer to a handful of key-account meetings this quarter.",
            "Invite sales leaders to draft one section of next quarter's marketing plan.",
            "Ask a few salespeople which materials they really use, retire the rest and co-write one replacement.",
            "Give Sales a standing monthly slot, with a short template, to report what customers are saying.",
            "Write a one-page glossary (lead, qualified lead, opportunity) and have both heads sign it.",
            "Put a monthly meeting of both heads on ideas, market sensing and product direction in the calendar.",
            "Run one workshop in which both teams map how a key segment buys.",
            "Agree rules of engagement so joint meetings can spend their time on customers, not disputes.",
            "Give both heads a shared agenda item on offerings two or more years out.",
            "Pick two metrics that both teams report against and review them together each month.",
            "Assign a marketer to the planning of your largest key accounts.",
            "Draw the funnel from first contact to repeat purchase as one picture that both teams own.",
            "Have Marketing review funnel conversion monthly and explain where and why it leaks.",
            "Tie part of both teams' goals to the same revenue outcome.",
            "Discuss with the executive team whether one leader should own revenue across both teams.",
            "Offer one rotation or secondment between the teams this year.",
            "Run one joint training session or customer event this quarter.",
            "Have each team review the other's plan before it goes to the executives.");

    private StatementSuggestions() {
    }

    /**
     * What to do about statement {@code number} when Sales and Marketing rate it far apart: talk first, then act.
     * The advice puts the gap in words before it; the report shows the gap beside it.
     */
    public static String forGap(int number) {
        return "Talk through why in a joint session before acting. " + suggestion(number);
    }

    /** What to do this quarter about a weak statement {@code number} (1-based). */
    public static String suggestion(int number) {
        return number >= 1 && number <= SUGGESTIONS.size() ? SUGGESTIONS.get(number - 1)
                : "Discuss this statement in a joint session and agree one concrete step.";
    }
}
