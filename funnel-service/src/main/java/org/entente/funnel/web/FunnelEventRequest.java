package org.entente.funnel.web;

import java.time.Instant;

/**
 * The body of {@code POST /api/funnel/events}: a {@code FunnelEvent} with enums by name; {@code eventId} and
 * {@code occurredAt} are optional (generated / now).
 */
public record FunnelEventRequest(String eventId, String organization, String leadId, String accountId, String type,
        String step, String team, String actor, Long amountCents, Long grossProfitCents, String reason,
        Instant occurredAt) {
}
