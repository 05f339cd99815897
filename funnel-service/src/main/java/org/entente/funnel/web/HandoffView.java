package org.entente.funnel.web;

import java.time.Instant;
import org.entente.funnel.domain.Handoff;
import org.entente.funnel.domain.LeadSummary;

/** A handoff still waiting for Sales, with its SLA deadline, as the board shows it. */
public record HandoffView(String organization, String leadId, String accountId, String fromStep,
        String handedOffBy, Instant handedOffAt, Instant deadline, long slaMillis, boolean breached) {

    public static HandoffView of(LeadSummary lead, Handoff h) {
        return new HandoffView(lead.organization(), lead.leadId(), lead.accountId(),
                h.fromStep() == null ? null : h.fromStep().name(), h.handedOffBy(), h.handedOffAt(), h.deadline(),
                h.deadline().toEpochMilli() - h.handedOffAt().toEpochMilli(), h.breached());
    }
}
