package org.entente.funnel.web;

import java.time.Instant;
import org.entente.events.EngagementRequested;
import org.entente.events.FunnelEvent;
import org.entente.events.HandoffSlaBreached;

/** The JSON the live stream pushes, mapped field by field from the Avro events. */
public final class FeedViews {

    private FeedViews() {
    }

    /** A funnel event as the board shows it. */
    public record EventView(String eventId, String organization, String leadId, String accountId, String type,
            String step, String team, String actor, Long amountCents, Long grossProfitCents, String reason,
            Instant occurredAt, String contribution, String collateralId, String collateralReview) {

        static EventView of(FunnelEvent e) {
            return new EventView(e.getEventId(), e.getOrganization(), e.getLeadId(), e.getAccountId(),
                    e.getType().name(), e.getStep() == null ? null : e.getStep().name(), e.getTeam().name(),
                    e.getActor(), e.getAmountCents(), e.getGrossProfitCents(), e.getReason(), e.getOccurredAt(),
                    e.getContribution() == null ? null : e.getContribution().name(),
                    e.getCollateralReview() == null ? null : e.getCollateralReview().getCollateralId(),
                    e.getCollateralReview() == null ? null : e.getCollateralReview().getStatus().name());
        }
    }

    /**
     * An alert: {@code kind} is {@code HANDOFF_SLA_BREACHED} or {@code ENGAGEMENT_REQUESTED}; the fields that do
     * not apply to a kind are null.
     */
    public record AlertView(String kind, String organization, String leadId, String message, Instant at,
            Instant handedOffAt, String handedOffBy, Long slaMillis, String ruleId, String contactRole,
            String contactName, String contactAddress, String triggeredByEventId) {

        static AlertView of(HandoffSlaBreached b) {
            return new AlertView("HANDOFF_SLA_BREACHED", b.getOrganization(), b.getLeadId(),
                    "Lead " + b.getLeadId() + " handed off by " + (b.getHandedOffBy().isBlank() ? "Marketing"
                            : b.getHandedOffBy()) + " waited past its " + hours(b.getSlaMillis()) + " SLA",
                    b.getBreachedAt(), b.getHandedOffAt(), b.getHandedOffBy(), b.getSlaMillis(), null, null, null,
                    null, null);
        }

        static AlertView of(EngagementRequested r) {
            String who = r.getContactName() == null ? r.getContactRole() : r.getContactName() + " (" + r.getContactRole() + ")";
            return new AlertView("ENGAGEMENT_REQUESTED", r.getOrganization(), r.getLeadId(),
                    "Call " + who + " about lead " + r.getLeadId() + ": " + r.getReason(), r.getRequestedAt(), null,
                    null, null, r.getRuleId(), r.getContactRole(), r.getContactName(), r.getContactAddress(),
                    r.getTriggeredByEventId());
        }

        private static String hours(long millis) {
            long minutes = millis / 60_000;
            return minutes % 60 == 0 ? (minutes / 60) + "h" : minutes + "min";
        }
    }
}
