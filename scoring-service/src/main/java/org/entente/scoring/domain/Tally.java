package org.entente.scoring.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.entente.scoring.domain.Classification.FunctionScore;
import org.entente.scoring.domain.Classification.GroupScore;
import org.entente.scoring.domain.Classification.StatementScore;

/**
 * Turns the counted submissions of an assessment into a {@link Classification}, or into nothing at all while a
 * function is below the anonymity threshold.
 *
 * <p>The score weighs Sales and Marketing equally however many people each has: it is the mean of the two
 * functions' mean totals. A statement's {@code mean} weighs them equally too, so the statement means add up to the
 * score. Spread is the population standard deviation of a function's totals. Heads are one person per function, so
 * heads and staff are broken out only when the threshold is 1 or both groups reach it.
 *
 * <p>What it does not do yet: guard against differencing two consecutive revisions (a revision that adds one
 * respondent to a group of known size reveals that respondent's total to whoever kept the previous one).
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
        int threshold = terms.anonymityThreshold();
        int sales = count(counted, BusinessFunction.SALES);
        int marketing = count(counted, BusinessFunction.MARKETING);
        return new Waiting(Math.max(0, threshold - sales), Math.max(0, threshold - marketing));
    }

    /** The classification of these counted submissions, or empty while a function is below the threshold. */
    public static Optional<Classification> classify(AssessmentTerms terms, Collection<Submission> counted) {
        if (!waiting(terms, counted).isOver()) {
            return Optional.empty();
        }
        List<Submission> sales = of(counted, BusinessFunction.SALES);
        List<Submission> marketing = of(counted, BusinessFunction.MARKETING);
        FunctionScore salesScore = functionScore(sales);
        FunctionScore marketingScore = functionScore(marketing);
        double score = (salesScore.meanTotal() + marketingScore.meanTotal()) / 2;

        List<StatementScore> statements = new ArrayList<>(terms.statementCount());
        for (int i = 0; i < terms.statementCount(); i++) {
            double salesMean = statementMean(sales, i);
            double marketingMean = statementMean(marketing, i);
            statements.add(new StatementScore(i + 1, (salesMean + marketingMean) / 2, salesMean, marketingMean));
        }

        List<Submission> heads = counted.stream().filter(s -> s.role() == Role.HEAD).toList();
        List<Submission> staff = counted.stream().filter(s -> s.role() == Role.STAFF).toList();
        int threshold = terms.anonymityThreshold();
        boolean breakOut = threshold == 1 || (heads.size() >= threshold && staff.size() >= threshold);

        return Optional.of(new Classification(Stage.of(score), score, counted.size(), salesScore, marketingScore,
                salesScore.meanTotal() - marketingScore.meanTotal(), Stage.nearBoundary(score), statements,
                breakOut ? groupScore(heads) : null, breakOut ? groupScore(staff) : null));
    }

    private static FunctionScore functionScore(List<Submission> submissions) {
        long sum = 0;
        long sumOfSquares = 0;
        for (Submission s : submissions) {
            long total = s.total();
            sum += total;
            sumOfSquares += total * total;
        }
        long n = submissions.size();
        double mean = (double) sum / n;
        // n²·variance = n·Σx² − (Σx)², exact in integers, so the spread does not depend on the order of respondents.
        double spread = Math.sqrt((double) (n * sumOfSquares - sum * sum)) / n;
        return new FunctionScore((int) n, mean, Stage.of(mean), spread);
    }

    private static GroupScore groupScore(List<Submission> group) {
        if (group.isEmpty()) {
            return null;
        }
        long sum = 0;
        for (Submission s : group) {
            sum += s.total();
        }
        double mean = (double) sum / group.size();
        return new GroupScore(group.size(), mean, Stage.of(mean));
    }

    private static double statementMean(List<Submission> submissions, int index) {
        long sum = 0;
        for (Submission s : submissions) {
            sum += s.answers().get(index);
        }
        return (double) sum / submissions.size();
    }

    private static int count(Collection<Submission> counted, BusinessFunction function) {
        return (int) counted.stream().filter(s -> s.function() == function).count();
    }

    private static List<Submission> of(Collection<Submission> counted, BusinessFunction function) {
        return counted.stream().filter(s -> s.function() == function).toList();
    }
}
