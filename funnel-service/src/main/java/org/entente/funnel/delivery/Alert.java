package org.entente.funnel.delivery;

import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.entente.events.EngagementRequested;
import org.entente.events.HandoffSlaBreached;

/**
 * One alert of {@code entente.funnel.alerts.v1} as people read it: its kind, organization, a stable id and the
 * words of the message. The id is made from the alert's own fields (not from its offset), so the same alert read
 * twice, by another consumer group or after the topic was replayed, has the same id. It does not carry a link to the
 * board yet.
 */
public record Alert(String id, AlertKind kind, String organization, String leadId, String title, String text) {

    /** The alert in this record of the alerts topic, or null for a kind that is not delivered. */
    public static Alert of(SpecificRecord value) {
        if (value instanceof HandoffSlaBreached breach) {
            return new Alert(String.join(":", "sla-breach", breach.getOrganization(), breach.getLeadId(),
                    Long.toString(breach.getHandedOffAt().toEpochMilli())),
                    AlertKind.HANDOFF_SLA_BREACHED, breach.getOrganization(), breach.getLeadId(),
                    "Handoff SLA breached: lead " + breach.getLeadId(),
                    "Lead " + breach.getLeadId() + " of " + breach.getOrganization() + " was handed off"
                            + (breach.getHandedOffBy().isEmpty() ? "" : " by " + breach.getHandedOffBy())
                            + " at " + breach.getHandedOffAt() + " and neither accepted nor rejected within "
                            + Duration.ofMillis(breach.getSlaMillis()) + " (breached at " + breach.getBreachedAt()
                            + ").");
        }
        if (value instanceof EngagementRequested request) {
            String trigger = request.getTriggeredByEventId().isEmpty()
                    ? Long.toString(request.getRequestedAt().toEpochMilli()) : request.getTriggeredByEventId();
            String contact = request.getContactName() == null ? request.getContactRole() : request.getContactName()
                    + (request.getContactAddress() == null ? "" : " (" + request.getContactAddress() + ")");
            return new Alert(String.join(":", "engagement", request.getOrganization(), request.getLeadId(),
                    request.getRuleId(), trigger),
                    AlertKind.ENGAGEMENT_REQUESTED, request.getOrganization(), request.getLeadId(),
                    "Engagement requested: lead " + request.getLeadId(),
                    request.getReason() + " Lead " + request.getLeadId() + " of " + request.getOrganization()
                            + "; who to call: " + contact + "; requested at " + request.getRequestedAt() + ".");
        }
        return null;
    }
}
