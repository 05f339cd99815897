package org.entente.funnel.domain;

import java.util.Set;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelStep;

/**
 * A rule of engagement: when a lead's event matches, someone in {@code contactRole} should be brought in. A rule
 * fires at most once per lead. A rule with a minimum amount is about the size of an opportunity, so it fires on open
 * opportunities only: never on a lead that is won or lost (nor on the WON or LOST event that closes it), where
 * bringing someone in "before the proposal goes out" is too late.
 *
 * @param id a stable id, e.g. {@code big-opportunity}
 * @param minAmountCents the event must carry an amount strictly above this, on a lead still open; null means any
 *        event matches on amount
 * @param types the event types it applies to; empty means every type
 * @param steps the steps it applies to (the event's step); empty means every step
 * @param contactRole whom to call, looked up in the {@link Directory}
 * @param reason why, in words for the person called
 */
public record EngagementRule(String id, Long minAmountCents, Set<FunnelEventType> types, Set<FunnelStep> steps,
        String contactRole, String reason) {

    public EngagementRule {
        types = types == null ? Set.of() : Set.copyOf(types);
        steps = steps == null ? Set.of() : Set.copyOf(steps);
    }

    /** Whether {@code event} triggers this rule, {@code leadStatus} being the lead's status with the event applied. */
    public boolean matches(LeadEvent event, LeadStatus leadStatus) {
        if (minAmountCents != null && (event.amountCents() == null || event.amountCents() <= minAmountCents
                || leadStatus == LeadStatus.WON || leadStatus == LeadStatus.LOST)) {
            return false;
        }
        if (!types.isEmpty() && !types.contains(event.type())) {
            return false;
        }
        return steps.isEmpty() || (event.step() != null && steps.contains(event.step()));
    }
}
