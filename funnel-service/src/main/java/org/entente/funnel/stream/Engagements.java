package org.entente.funnel.stream;

import java.time.Instant;
import org.entente.events.EngagementRequested;
import org.entente.funnel.domain.Contact;
import org.entente.funnel.domain.Directory;

/**
 * Builds the {@code EngagementRequested} alerts of every rule of engagement the same way: who to call comes from
 * the directory by the rule's contact role (name and address left empty when nobody is listed for it).
 */
final class Engagements {

    private Engagements() {
    }

    static EngagementRequested request(Directory directory, String organization, String leadId, String ruleId,
            String reason, String contactRole, String triggeredByEventId, Instant requestedAt) {
        Contact contact = directory.lookup(organization, contactRole).orElse(null);
        return EngagementRequested.newBuilder()
                .setOrganization(organization)
                .setLeadId(leadId)
                .setRuleId(ruleId)
                .setReason(reason)
                .setContactRole(contactRole)
                .setContactName(contact == null ? null : contact.name())
                .setContactAddress(contact == null ? null : contact.address())
                .setTriggeredByEventId(triggeredByEventId)
                .setRequestedAt(requestedAt)
                .build();
    }
}
