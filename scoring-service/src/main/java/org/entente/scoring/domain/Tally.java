package org.entente.scoring.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.entente.rules.Stage;
import org.entente.scoring.domain.Classification.FunctionScore;
import org.entente.scoring.domain.Classification.GroupScore;
import org.entente.scoring.domain.Classification.StatementScore;

/**
 * Turns the counted submissions of an assessment (or their running {@link Tallies}) into a {@link Classification},
 * or into nothing at all while a function is below the anonymity threshold.
 *
 * <p>The score weighs Sales and Marketing equally however many people each has: it is the mean of the two
 * functions' mean totals. A statement's {@code mean} weighs them equally too, so the statement means add up to the
 * score. Spread is the population standard deviation of a function's totals. Heads are one person per function, so
 * heads and staff are broken out only for a named assessment.
 *
 * <p>It classifies one set of submissions; which sets may be published one after the other, so that no one can
 * difference two revisions, is the {@link AssessmentLedger}'s rule.
 */
public final class Tally {

    private Tally() {
    }

    /** How many more valid respondents each function needs before a score may be shown (0 when it has enough). */
    public record Waiting(int sales, int marketing) {

        public boolean isOver() {
            return sales == 0 && marketing == 0;
        }

        /** "waiting for 2 more responses from Sales and 1 more from Marketing", or empty when nothing is awaited. */
        public String message() {
            List<String> parts = new ArrayList<>();
            if (sales > 0) {
                parts.add(sales + " more " + (sales == 1 ? "response" : "responses") + " from "
                        + BusinessFunction.SALES.label());
            }
            if (marketing > 0) {
                String noun = parts.isEmpty() ? (marketing == 1 ? "response" : "responses") + " from " : "from ";
                parts.add(marketing + " more " + noun + BusinessFunction.MARKETING.label());
            }
            return parts.isEmpty() ? "" : "waiting for " + String.join(" and ", parts);
        }
    }

    public static Waiting waiting(AssessmentTerms terms, Collection<Submission> counted) {
        return waiting(terms, Tallies.of(terms.statementCount(), counted));
    }

    public static Waiting waiting(AssessmentTerms terms, Tallies tallies) {
        int threshold = terms.anonymityThreshold();
        int sales = tallies.count(BusinessFunction.SALES);
        int marketing = tallies.count(BusinessFunction.MARKETING);
        return new Waiting(Math.max(0, threshold - sales), Math.max(0, threshold - marketing));
    }

    /** The classification of these counted submissions, or empty while a function is below the threshold. */
    public static Optional<Classification> classify(AssessmentTerms terms, Collection<Submission> counted) {
        return classify(terms, Tallies.of(terms.statementCount(), counted));
    }

    /**
     * The classification of the submissions these sums were made of, or empty while a function is below the
     * threshold. It takes time in the number of statements only, however many respondents there are.
     */
    public static Optional<Classification> classify(AssessmentTerms terms, Tallies tallies) {
        if (!waiting(terms, tallies).isOver()) {
            return Optional.empty();
        }
        FunctionScore salesScore = functionScore(tallies, BusinessFunction.SALES);
        FunctionScore marketingScore = functionScore(tallies, BusinessFunction.MARKETING);
        double score = (salesScore.meanTotal() + marketingScore.meanTotal()) / 2;

        int salesCount = tallies.count(BusinessFunction.SALES);
        int marketingCount = tallies.count(BusinessFunction.MARKETING);
        List<StatementScore> statements = new ArrayList<>(terms.statementCount());
        for (int i = 0; i < terms.statementCount(); i++) {
            double salesMean = (double) tallies.statementSum(BusinessFunction.SALES, i) / salesCount;
            double marketingMean = (double) tallies.statementSum(BusinessFunction.MARKETING, i) / marketingCount;
            statements.add(new StatementScore(i + 1, (salesMean + marketingMean) / 2, salesMean, marketingMean));
        }

        // a head is one person per function: shown on their own only when respondents were told they are named
        boolean breakOut = terms.named();

        return Optional.of(new Classification(Stage.of(score), score, tallies.respondentCount(), salesScore,
                marketingScore, salesScore.meanTotal() - marketingScore.meanTotal(), Stage.nearBoundary(score),
                statements, breakOut ? groupScore(tallies, Role.HEAD) : null,
                breakOut ? groupScore(tallies, Role.STAFF) : null));
    }

    private static FunctionScore functionScore(Tallies tallies, BusinessFunction function) {
        long sum = tallies.sum(function);
        long sumOfSquares = tallies.sumOfSquares(function);
        long n = tallies.count(function);
        double mean = (double) sum / n;
        // n²·variance = n·Σx² − (Σx)², exact in integers, so the spread does not depend on the order of respondents.
        double spread = Math.sqrt((double) (n * sumOfSquares - sum * sum)) / n;
        return new FunctionScore((int) n, mean, Stage.of(mean), spread);
    }

    private static GroupScore groupScore(Tallies tallies, Role role) {
        int n = tallies.count(role);
        if (n == 0) {
            return null;
        }
        double mean = (double) tallies.sum(role) / n;
        return new GroupScore(n, mean, Stage.of(mean));
    }
}
