package org.entente.funnel.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;
import org.entente.events.Team;

/**
 * A lead's position and history as its events, replayed in event-time order, say it is. This is what an
 * organization's shared metrics are computed from; it carries no personal data beyond the ids the events carried.
 *
 * @param step the step the lead is at now, or null before it entered one
 * @param owner the team that owns that step
 * @param furthestStep the furthest step it ever reached (drives step-to-step conversion)
 * @param stepEnteredAt when it entered its current step
 * @param completedStaysMillis for each step it has left, how long each stay there lasted
 * @param wonAmountCents total of its won deals, null when never won
 * @param lastEventAt the event time of its latest event
 * @param history the history it was replayed from, so metrics by period can replay it as of a moment; null in
 *        summaries stored before it was carried
 * @param contributions each team's recorded parts in the other team's steps, in event-time order
 * @param collateralReviews Marketing's collateral waiting for, or given, Sales' review, in order of request
 * @param openAmountCents while the lead is an open opportunity (neither won nor lost), the latest amount its events
 *        carried; null otherwise
 */
public record LeadSummary(String organization, String leadId, String accountId, FunnelStep step, Team owner,
        LeadStatus status, FunnelStep furthestStep, Instant stepEnteredAt,
        Map<FunnelStep, List<Long>> completedStaysMillis, List<Handoff> handoffs, Long wonAmountCents,
        Long wonGrossProfitCents, Instant lastEventAt, LeadHistory history,
        List<Contribution> contributions, List<CollateralRequest> collateralReviews, Long openAmountCents) {

    public LeadSummary {
        completedStaysMillis = Map.copyOf(completedStaysMillis);
        handoffs = List.copyOf(handoffs);
        contributions = contributions == null ? List.of() : List.copyOf(contributions);
        collateralReviews = collateralReviews == null ? List.of() : List.copyOf(collateralReviews);
    }

    /** The collateral waiting for Sales' review. */
    public List<CollateralRequest> pendingCollateralReviews() {
        return collateralReviews.stream().filter(r -> !r.approved()).toList();
    }

    /** The kinds of Marketing contribution made on a Sales step before the lead was first won. */
    public Set<MarketingContribution> marketingContributionsToWin() {
        Set<MarketingContribution> kinds = EnumSet.noneOf(MarketingContribution.class);
        contributions.stream().filter(c -> c.team() == Team.MARKETING && !c.afterWin())
                .forEach(c -> kinds.add(c.kind()));
        return kinds;
    }

    /** The handoff waiting for Sales, if any. */
    public Handoff pendingHandoff() {
        return handoffs.stream().filter(Handoff::pending).findFirst().orElse(null);
    }

    /** Won at least once. */
    public boolean won() {
        return wonAmountCents != null;
    }

    /**
     * This summary without the history it was replayed from: everything the all-time metrics and the top accounts
     * read, in a fraction of the memory (the history holds every event of the lead). {@link #asOf} then answers null.
     */
    public LeadSummary withoutHistory() {
        return history == null ? this : new LeadSummary(organization, leadId, accountId, step, owner, status,
                furthestStep, stepEnteredAt, completedStaysMillis, handoffs, wonAmountCents, wonGrossProfitCents,
                lastEventAt, null, contributions, collateralReviews, openAmountCents);
    }

    /** This lead as it stood just before {@code moment}, replayed from its history; null without a history. */
    public LeadSummary asOf(Instant moment, Duration sla) {
        return history == null ? null : history.asOf(moment, sla).summarize(sla);
    }

    /** Who this lead becomes as a customer: its account when it has one, otherwise the lead itself. */
    public String customerId() {
        return accountId != null && !accountId.isBlank() ? accountId : leadId;
    }
}
