package org.entente.advice.domain;

/**
 * How one statement scored: the overall mean and, when published, each function's mean (1 to 5).
 */
public record StatementResult(int statement, double mean, Double salesMean, Double marketingMean) {

    /** Sales' mean minus Marketing's, or {@code null} when either is not published. */
    public Double gap() {
        return salesMean == null || marketingMean == null ? null : salesMean - marketingMean;
    }

    /** How far apart the two functions are, 0 when unknown. */
    public double distance() {
        Double gap = gap();
        return gap == null ? 0 : Math.abs(gap);
    }
}
