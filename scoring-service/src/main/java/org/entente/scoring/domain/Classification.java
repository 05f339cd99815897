package org.entente.scoring.domain;

import java.util.List;
import org.entente.rules.Stage;

/**
 * An assessment's score once both functions have enough respondents to keep them anonymous: the stage, the
 * function-balanced score, each function's mean total and spread, the perception gap, the per-statement means and,
 * when both groups are large enough, heads against staff.
 *
 * @param perceptionGap  Sales' mean total minus Marketing's
 * @param nearBoundary   the score is within two points of an edge between two stages
 * @param heads          heads of both functions together, or {@code null} when they may not be broken out
 * @param staff          staff of both functions together, or {@code null} likewise
 */
public record Classification(Stage stage, double score, int respondentCount, FunctionScore sales,
        FunctionScore marketing, double perceptionGap, boolean nearBoundary, List<StatementScore> statements,
        GroupScore heads, GroupScore staff) {

    public Classification {
        statements = List.copyOf(statements);
    }

    /** One function's respondents: how many, their mean total, its stage, and the standard deviation of totals. */
    public record FunctionScore(int respondentCount, double meanTotal, Stage stage, double spread) {
    }

    /** Heads or staff across both functions. */
    public record GroupScore(int respondentCount, double meanTotal, Stage stage) {
    }

    /**
     * One statement (1-based): its mean weighing both functions equally, and each function's own mean.
     */
    public record StatementScore(int statement, double mean, double salesMean, double marketingMean) {
    }
}
