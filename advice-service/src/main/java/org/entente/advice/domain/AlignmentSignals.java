package org.entente.advice.domain;

/**
 * What the shared funnel says about alignment, from funnel-service's metrics for the organization. Rates are 0 to 1
 * and {@code null} when nothing has been measured yet.
 */
public record AlignmentSignals(long handoffs, long rejected, long recycled, Double acceptanceRate,
        Double slaCompliance, Double recycleRate) {
}
