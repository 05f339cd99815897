package org.entente.funnel.domain;

import java.time.Instant;
import java.util.Comparator;
import org.entente.events.CollateralReview;
import org.entente.events.CollateralReviewStatus;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;
import org.entente.events.Team;

/**
 * One valid funnel event as the rules see it: the contract's {@link FunnelEvent} with plain Java types. Events of a
 * lead are put in {@link #EVENT_TIME} order before they are replayed, so arrival order never matters.
 *
 * @param contribution set when the event records a team's part in the other team's step instead of a move
 * @param collateralId the collateral a collateral-review event is about (null on other events)
 * @param reviewStatus set when the event is a step in a collateral review instead of a move
 */
public record LeadEvent(String eventId, String organization, String leadId, String accountId, FunnelEventType type,
        FunnelStep step, Team team, String actor, Long amountCents, Long grossProfitCents, String reason,
        Instant occurredAt, MarketingContribution contribution, String collateralId,
        CollateralReviewStatus reviewStatus) {

    /** An event that is no collateral review. */
    public LeadEvent(String eventId, String organization, String leadId, String accountId, FunnelEventType type,
            FunnelStep step, Team team, String actor, Long amountCents, Long grossProfitCents, String reason,
            Instant occurredAt, MarketingContribution contribution) {
        this(eventId, organization, leadId, accountId, type, step, team, actor, amountCents, grossProfitCents, reason,
                occurredAt, contribution, null, null);
    }

    /** Event time first; the eventId breaks ties so every replica replays the same order. */
    public static final Comparator<LeadEvent> EVENT_TIME =
            Comparator.comparing(LeadEvent::occurredAt).thenComparing(LeadEvent::eventId);

    /** A contribution to the other team's step rather than a move of the lead. */
    public boolean recordsContribution() {
        return contribution != null;
    }

    /** A step in Sales' review of Marketing's collateral rather than a move of the lead. */
    public boolean recordsCollateralReview() {
        return reviewStatus != null;
    }

    public static LeadEvent from(FunnelEvent event) {
        CollateralReview review = event.getCollateralReview();
        return new LeadEvent(event.getEventId(), event.getOrganization(), event.getLeadId(), event.getAccountId(),
                event.getType(), event.getStep(), event.getTeam(), event.getActor(), event.getAmountCents(),
                event.getGrossProfitCents(), event.getReason(), event.getOccurredAt(),
                event.getContribution(), review == null ? null : review.getCollateralId(),
                review == null ? null : review.getStatus());
    }

    /** The contract's event with these fields, as it is published and as a lead's history keeps it. */
    public FunnelEvent toEvent() {
        return FunnelEvent.newBuilder()
                .setEventId(eventId)
                .setOrganization(organization)
                .setLeadId(leadId)
                .setAccountId(accountId)
                .setType(type)
                .setStep(step)
                .setTeam(team)
                .setActor(actor)
                .setAmountCents(amountCents)
                .setGrossProfitCents(grossProfitCents)
                .setReason(reason)
                .setOccurredAt(occurredAt)
                .setContribution(contribution)
                .setCollateralReview(reviewStatus == null ? null
                        : new CollateralReview(collateralId == null ? "" : collateralId, reviewStatus))
                .build();
    }
}
