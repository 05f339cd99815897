package org.entente.rules;

import java.util.List;

/**
 * The instrument's statements as every service names them: how many there are and the short label of each, in the
 * order of the themes in the README (answers[i] rates statement i + 1). survey-service shows the label as each
 * statement's theme and keeps the full sentences respondents read; advice-service's report names statements by it.
 * Covers instrument version 1 only, the only one published.
 */
public final class Statements {

    /** How many statements instrument version 1 has: the {@code statementCount} of an assessment that uses it. */
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

    private Statements() {
    }

    /** The short label of statement {@code number} (1-based), or "Statement n" beyond the known ones. */
    public static String label(int number) {
        return number >= 1 && number <= LABELS.size() ? LABELS.get(number - 1) : "Statement " + number;
    }

    /** Every label, statement 1 first. */
    public static List<String> labels() {
        return LABELS;
    }
}
