package org.entente.advice.domain;

import java.util.List;

/**
 * Short labels for the instrument's 20 themes, and for each what a team can do about it this quarter. The instrument
 * itself (the statements respondents read) belongs to survey-service; these are the report's own words for the same
 * themes, in the same order. Covers instrument version 1 only.
 */
public final class Statements {

    public static final int COUNT = 20;

    private static final List<String> LABELS = List.of(
            "Sales lands close to forecast",
            "No finger-pointing when results disappoint",
            "Marketers meet key customers during deals",
            "Sales helps write the marketing plan",
            "Salespeople value Marketing's material",
            "Sales gives Marketing the feedback it asks for",
            "One shared vocabulary",
            "The heads confer on upstream matters",
            "Segment buying behavior defined together",
            "Joint meetings rarely turn into firefighting",
            "The heads plan offerings 2+ years out together",
            "Common metrics judge both teams",
            "Marketing shapes key-account strategy",
            "Joint funnels span the business chain",
            "Marketing uses funnel data to make it predictable",
            "They succeed or fail together",
            "One revenue or customer chief over both",
            "People move between the two teams",
            "Joint training, events and learning",
            "Each helps present the other's plans upward");

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

    private Statements() {
    }

    /** The short label of statement {@code number} (1-based), or "Statement n" beyond the known themes. */
    public static String label(int number) {
        return number >= 1 && number <= LABELS.size() ? LABELS.get(number - 1) : "Statement " + number;
    }

    /** What to do this quarter about a weak statement {@code number} (1-based). */
    public static String suggestion(int number) {
        return number >= 1 && number <= SUGGESTIONS.size() ? SUGGESTIONS.get(number - 1)
                : "Discuss this statement in a joint session and agree one concrete step.";
    }

    public static List<String> labels() {
        return LABELS;
    }
}
