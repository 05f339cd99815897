package org.entente.funnel.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.entente.events.FunnelStep;
import org.entente.events.Team;

/**
 * Everything the service keeps about one lead: its distinct events in event-time order, the handoffs whose SLA
 * breach was already announced, the rules of engagement already raised, and the collateral whose missed review
 * deadline was already announced. Its {@link #summarize} replays the
 * events from scratch, so an event that arrives late lands where it belongs and a repeated eventId counts once.
 *
 * <p>The history grows with the lead's events; it does not yet compact very long-lived leads.
 */
public record LeadHistory(String organization, String leadId, List<LeadEvent> events, Set<Instant> breachedHandoffs,
        Set<String> raisedRules, Set<String> breachedReviews) {

    public LeadHistory {
        events = events.stream().sorted(LeadEvent.EVENT_TIME).toList();
        breachedHandoffs = Set.copyOf(breachedHandoffs);
        raisedRules = Set.copyOf(raisedRules);
        breachedReviews = breachedReviews == null ? Set.of() : Set.copyOf(breachedReviews);
    }

    public LeadHistory(String organization, String leadId, List<LeadEvent> events, Set<Instant> breachedHandoffs,
            Set<String> raisedRules) {
        this(organization, leadId, events, breachedHandoffs, raisedRules, Set.of());
    }

    public static LeadHistory empty(String organization, String leadId) {
        return new LeadHistory(organization, leadId, List.of(), Set.of(), Set.of(), Set.of());
    }

    public boolean hasEvent(String eventId) {
        return events.stream().anyMatch(e -> e.eventId().equals(eventId));
    }

    /** This history with one more event; the same history when the eventId was already seen. */
    public LeadHistory with(LeadEvent event) {
        if (hasEvent(event.eventId())) {
            return this;
        }
        List<LeadEvent> more = new ArrayList<>(events);
        more.add(event);
        return new LeadHistory(organization, leadId, more, breachedHandoffs, raisedRules, breachedReviews);
    }

    /** This history noting that the handoff made at {@code handedOffAt} breached its SLA and was announced. */
    public LeadHistory withBreach(Instant handedOffAt) {
        Set<Instant> more = new TreeSet<>(breachedHandoffs);
        more.add(handedOffAt);
        return new LeadHistory(organization, leadId, events, more, raisedRules, breachedReviews);
    }

    public LeadHistory withRaisedRule(String ruleId) {
        Set<String> more = new TreeSet<>(raisedRules);
        more.add(ruleId);
        return new LeadHistory(organization, leadId, events, breachedHandoffs, more, breachedReviews);
    }

    /** This history noting that the review of {@code collateralId} missed its deadline and that was announced. */
    public LeadHistory withReviewBreach(String collateralId) {
        Set<String> more = new TreeSet<>(breachedReviews);
        more.add(collateralId);
        return new LeadHistory(organization, leadId, events, breachedHandoffs, raisedRules, more);
    }

    /** The event time of the lead's latest event; null without events. */
    public Instant lastEventAt() {
        return events.isEmpty() ? null : events.get(events.size() - 1).occurredAt();
    }

    /**
     * This history as it stood just before {@code moment} by event time: the events that occurred earlier, and the
     * breaches whose deadline had passed by then. Replaying it gives the lead as a period starting or ending at that
     * moment saw it.
     */
    public LeadHistory asOf(Instant moment, Duration sla) {
        return new LeadHistory(organization, leadId,
                events.stream().filter(e -> e.occurredAt().isBefore(moment)).toList(),
                new TreeSet<>(breachedHandoffs.stream().filter(h -> h.plus(sla).isBefore(moment)).toList()),
                raisedRules, breachedReviews);
    }

    /** Replays the events in event-time order under the given handoff SLA. */
    public LeadSummary summarize(Duration sla) {
        Replay replay = new Replay(sla);
        events.forEach(replay::apply);
        return replay.summary();
    }

    /** The walk through one lead's events; mutable, and never leaves this class. */
    private final class Replay {
        private final Duration sla;
        private String accountId;
        private FunnelStep step;
        private Team owner;
        private LeadStatus status = LeadStatus.OPEN;
        private FunnelStep furthest;
        private Instant enteredAt;
        private final Map<FunnelStep, List<Long>> stays = new EnumMap<>(FunnelStep.class);
        private final List<Handoff> handoffs = new ArrayList<>();
        private Long wonAmount;
        private Long wonProfit;
        private Instant lastEventAt;
        private FunnelStep handoffTarget;
        private final List<Contribution> contributions = new ArrayList<>();
        private final Map<String, CollateralRequest> reviews = new LinkedHashMap<>();
        private Long latestAmount;

        Replay(Duration sla) {
            this.sla = sla;
        }

        void apply(LeadEvent e) {
            lastEventAt = e.occurredAt();
            if (e.accountId() != null && !e.accountId().isBlank()) {
                accountId = e.accountId();
            }
            if (e.recordsCollateralReview()) {
                review(e);
                return;
            }
            if (e.amountCents() != null && !e.recordsContribution()) {
                latestAmount = e.amountCents();
            }
            if (e.recordsContribution()) {
                contributions.add(new Contribution(e.eventId(), e.contribution(), e.team(), e.step(), e.actor(),
                        e.occurredAt(), wonAmount != null));
                return;
            }
            switch (e.type()) {
                case STAGE_ENTERED -> {
                    if (Steps.owner(e.step()) == Team.SALES) {
                        takenUpBySales(e);
                    }
                    moveTo(e.step(), e.occurredAt());
                    if (status != LeadStatus.HANDED_OFF && !(status == LeadStatus.WON && owner == Team.SALES)) {
                        status = LeadStatus.OPEN;
                    }
                }
                case HANDED_OFF -> {
                    if (e.step() != null && Steps.owner(e.step()) == Team.MARKETING) {
                        moveTo(e.step(), e.occurredAt());
                    }
                    handoffTarget = e.step() != null && Steps.owner(e.step()) == Team.SALES ? e.step() : null;
                    if (pendingIndex() < 0) {
                        Instant deadline = e.occurredAt().plus(sla);
                        handoffs.add(new Handoff(e.occurredAt(), e.actor(), step, deadline, Handoff.Outcome.PENDING,
                                null, null, null, false, false));
                    }
                    status = LeadStatus.HANDED_OFF;
                }
                case ACCEPTED -> {
                    answer(Handoff.Outcome.ACCEPTED, e);
                    moveTo(e.step() != null ? e.step()
                            : handoffTarget != null ? handoffTarget : Steps.FIRST_SALES_STEP, e.occurredAt());
                    handoffTarget = null;
                    status = LeadStatus.OPEN;
                }
                case REJECTED -> {
                    answer(Handoff.Outcome.REJECTED, e);
                    status = LeadStatus.REJECTED;
                    owner = Team.MARKETING;
                }
                case RECYCLED -> {
                    FunnelStep back = e.step();
                    for (int i = handoffs.size() - 1; i >= 0; i--) {
                        Handoff h = handoffs.get(i);
                        if (h.outcome() == Handoff.Outcome.REJECTED && !h.recycled()) {
                            handoffs.set(i, h.recycle());
                            back = back != null ? back : h.fromStep();
                            break;
                        }
                    }
                    if (back != null) {
                        moveTo(back, e.occurredAt());
                    }
                    owner = Team.MARKETING;
                    status = LeadStatus.OPEN;
                }
                case WON -> {
                    takenUpBySales(e);
                    if (step == null || step.ordinal() < FunnelStep.PURCHASE.ordinal()) {
                        moveTo(FunnelStep.PURCHASE, e.occurredAt());
                    }
                    wonAmount = (wonAmount == null ? 0 : wonAmount) + (e.amountCents() == null ? 0 : e.amountCents());
                    if (e.grossProfitCents() != null) {
                        wonProfit = (wonProfit == null ? 0 : wonProfit) + e.grossProfitCents();
                    }
                    status = LeadStatus.WON;
                    owner = Team.SALES;
                }
                case LOST -> {
                    takenUpBySales(e);
                    status = LeadStatus.LOST;
                    owner = Team.SALES;
                }
            }
        }

        /**
         * Sales working a lead that waits for its answer has taken it up: that counts as accepting it, in the handoff
         * and in the lead's status.
         */
        private void takenUpBySales(LeadEvent e) {
            if (status == LeadStatus.HANDED_OFF && pendingIndex() >= 0) {
                answer(Handoff.Outcome.ACCEPTED, e);
                handoffTarget = null;
                status = LeadStatus.OPEN;
            }
        }

        /** Marketing's request starts a collateral's review (a repeated request changes nothing); Sales approves it. */
        private void review(LeadEvent e) {
            CollateralRequest known = reviews.get(e.collateralId());
            switch (e.reviewStatus()) {
                case REQUESTED -> {
                    if (known == null) {
                        reviews.put(e.collateralId(), new CollateralRequest(e.collateralId(), e.eventId(),
                                e.occurredAt(), e.actor(), null, null, breachedReviews.contains(e.collateralId())));
                    }
                }
                case APPROVED -> {
                    if (known != null && !known.approved()) {
                        reviews.put(e.collateralId(), known.approve(e.occurredAt(), e.actor()));
                    }
                }
                case OTHER -> {
                }
            }
        }

        private void answer(Handoff.Outcome outcome, LeadEvent e) {
            int i = pendingIndex();
            if (i >= 0) {
                handoffs.set(i, handoffs.get(i).answer(outcome, e.occurredAt(), e.actor(), e.reason()));
            }
        }

        private int pendingIndex() {
            for (int i = 0; i < handoffs.size(); i++) {
                if (handoffs.get(i).pending()) {
                    return i;
                }
            }
            return -1;
        }

        private void moveTo(FunnelStep next, Instant at) {
            if (next == null || next == step) {
                owner = next == null ? owner : Steps.owner(next);
                return;
            }
            if (step != null && enteredAt != null) {
                stays.computeIfAbsent(step, s -> new ArrayList<>()).add(Duration.between(enteredAt, at).toMillis());
            }
            step = next;
            owner = Steps.owner(next);
            enteredAt = at;
            if (furthest == null || next.ordinal() > furthest.ordinal()) {
                furthest = next;
            }
        }

        LeadSummary summary() {
            List<Handoff> settled = handoffs.stream()
                    .map(h -> breachedHandoffs.contains(h.handedOffAt())
                            || (h.answeredAt() != null && h.answeredAt().isAfter(h.deadline())) ? h.breach() : h)
                    .toList();
            Map<FunnelStep, List<Long>> staysCopy = new HashMap<>();
            stays.forEach((s, list) -> staysCopy.put(s, List.copyOf(list)));
            boolean open = status != LeadStatus.WON && status != LeadStatus.LOST;
            return new LeadSummary(organization, leadId, accountId, step, owner, status, furthest, enteredAt,
                    staysCopy, settled, wonAmount, wonProfit, lastEventAt, LeadHistory.this,
                    contributions, List.copyOf(reviews.values()), open ? latestAmount : null);
        }
    }
}
