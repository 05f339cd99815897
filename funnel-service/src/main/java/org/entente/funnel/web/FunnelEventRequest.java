package org.entente.funnel.web;

import java.time.Instant;

/**
 * The body of {@code POST /api/funnel/events}: a {@code FunnelEvent} with enums by name; {@code eventId} and
 * {@code occurredAt} are optional (generated / now). {@code contribution} (a {@code MarketingContribution} name)
 * records a team's part in the other team's step instead of a move; {@code collateralReview} makes the event a step
 * in Sales' review of Marketing's collateral.
 */
public record FunnelEventRequest(String eventId, String organization, String leadId, String accountId, String type,
        String step, String team, String actor, Long amountCents, Long grossProfitCents, String reason,
        Instant occurredAt, String contribution, CollateralReviewRequest collateralReview) {

    /** {@code {"collateralId": ..., "status": "REQUESTED" | "APPROVED"}}. */
    public record CollateralReviewRequest(String collateralId, String status) {
    }
}
