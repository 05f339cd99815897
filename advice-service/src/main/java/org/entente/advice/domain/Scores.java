package org.entente.advice.domain;

import java.util.List;
import org.entente.rules.Stage;

/**
 * One published revision of an assessment's score, as the advice needs it: the overall score and stage, each
 * function's mean total (nullable), and the per-statement means.
 */
public record Scores(long revision, boolean isFinal, Stage stage, double score, int respondentCount,
        Double salesMeanTotal, Double marketingMeanTotal, boolean nearBoundary, List<StatementResult> statements) {

    public Scores {
        statements = List.copyOf(statements);
    }

    /** Sales' mean total minus Marketing's, or {@code null} when either is not published. */
    public Double perceptionGap() {
        return salesMeanTotal == null || marketingMeanTotal == null ? null : salesMeanTotal - marketingMeanTotal;
    }
}
