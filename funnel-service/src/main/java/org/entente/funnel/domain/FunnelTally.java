package org.entente.funnel.domain;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.entente.events.FunnelMetrics;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;

/**
 * An organization's shared metrics as running totals over its leads, by the definitions of
 * {@link FunnelMetricsCalculator}: each lead's part is added when it is counted and taken back when it is replaced by
 * its next summary, so keeping the all-time metrics of an organization costs O(log n) per changed lead, not a
 * recomputation over all its leads. Medians and distinct counts stay exact: the times are kept counted in order
 * ({@link SortedCounts}), the customers counted by lead.
 *
 * <p>For a period, each lead is counted once as the change between how it stood before the period and after it
 * ({@link #add(LeadSummary, LeadSummary)}); such a tally is computed from scratch for each question, never updated.
 * Not thread-safe: one organization's tally belongs to the task that owns the organization.
 */
public final class FunnelTally {

    private static final int STEPS = Steps.IN_ORDER.size();

    private final long[] atStep = new long[STEPS];
    private final long[] reachedAtLeast = new long[STEPS];
    private final Map<FunnelStep, SortedCounts<Long>> stays = new EnumMap<>(FunnelStep.class);
    private long handoffs, accepted, rejected, recycled, breaches, settled, inTime;
    private final SortedCounts<Long> timesToAccept = new SortedCounts<>();
    private final Map<String, Long> reasons = new TreeMap<>();
    private long wins, losses;
    /** Customers by how many of their leads count them: won before the span, won after it, won with a profit. */
    private final Map<String, Long> customersBefore = new HashMap<>();
    private final Map<String, Long> customersAfter = new HashMap<>();
    private final Map<String, Long> customersWithProfit = new HashMap<>();
    private long grossProfit, wonAmount, contributedWins;
    private final Map<String, Long> contributedByKind = new TreeMap<>();
    private final SortedCounts<Instant> lastEvents = new SortedCounts<>();

    /** Counts a lead from its first event (all-time). */
    public void add(LeadSummary lead) {
        count(null, lead, 1);
    }

    /** Takes back a lead counted with {@link #add(LeadSummary)}, before its next summary is added. */
    public void remove(LeadSummary lead) {
        count(null, lead, -1);
    }

    /** A lead's next summary in place of its previous one ({@code previous} null: the lead was not counted yet). */
    public void replace(LeadSummary previous, LeadSummary now) {
        if (previous != null) {
            remove(previous);
        }
        add(now);
    }

    /** Counts what changed for a lead between {@code before} (null: not yet seen) and {@code after}. */
    public void add(LeadSummary before, LeadSummary after) {
        count(before, after, 1);
    }

    /** The metrics as the leads counted make them. */
    public FunnelMetrics metrics(String organization) {
        Map<String, Long> leadsAtStep = new LinkedHashMap<>();
        Map<String, Double> conversion = new LinkedHashMap<>();
        for (int i = 0; i < STEPS; i++) {
            leadsAtStep.put(Steps.IN_ORDER.get(i).name(), atStep[i]);
            if (i + 1 < STEPS && reachedAtLeast[i] > 0) {
                conversion.put(Steps.IN_ORDER.get(i) + "->" + Steps.IN_ORDER.get(i + 1),
                        (double) reachedAtLeast[i + 1] / reachedAtLeast[i]);
            }
        }
        Map<String, Long> medianStay = new LinkedHashMap<>();
        stays.forEach((step, times) -> {
            if (!times.isEmpty()) {
                medianStay.put(step.name(), times.lowerMedian());
            }
        });
        long newCustomers = customersBefore.isEmpty() ? customersAfter.size()
                : customersAfter.keySet().stream().filter(c -> !customersBefore.containsKey(c)).count();
        Instant latest = lastEvents.last();

        return FunnelMetrics.newBuilder()
                .setOrganization(organization)
                .setLeadsAtStep(leadsAtStep)
                .setConversion(conversion)
                .setMedianTimeInStepMillis(medianStay)
                .setHandoffs(handoffs)
                .setAccepted(accepted)
                .setRejected(rejected)
                .setRecycled(recycled)
                .setAcceptanceRate(ratio(accepted, accepted + rejected))
                .setMedianTimeToAcceptMillis(timesToAccept.lowerMedian())
                .setSlaBreaches(breaches)
                .setSlaCompliance(ratio(inTime, settled))
                .setRecycleRate(ratio(recycled, rejected))
                .setRejectionReasons(new TreeMap<>(reasons))
                .setClosings(wins)
                .setLosses(losses)
                .setWins(wins)
                .setNewCustomers(newCustomers)
                .setWinRate(ratio(wins, wins + losses))
                .setAverageGrossProfitPerCustomerCents(customersWithProfit.isEmpty() ? null
                        : grossProfit / customersWithProfit.size())
                .setMarketingContributedWins(contributedWins)
                .setMarketingContributionShare(ratio(contributedWins, wins))
                .setMarketingContributedWinsByKind(new TreeMap<>(contributedByKind))
                .setUpdatedAt(latest == null || !latest.isAfter(Instant.EPOCH) ? Instant.EPOCH : latest)
                .setWonAmountCents(wonAmount)
                .build();
    }

    /** Adds ({@code sign} 1) or takes back ({@code sign} -1) the part of one lead's change. */
    private void count(LeadSummary before, LeadSummary lead, int sign) {
        if (lead.step() != null && lead.status() != LeadStatus.LOST) {
            atStep[lead.step().ordinal()] += sign;
        }
        boolean active = before == null || !Objects.equals(before.lastEventAt(), lead.lastEventAt());
        if (lead.furthestStep() != null && active) {
            for (int i = 0; i <= lead.furthestStep().ordinal(); i++) {
                reachedAtLeast[i] += sign;
            }
        }
        lead.completedStaysMillis().forEach((step, times) -> {
            int already = before == null ? 0 : before.completedStaysMillis().getOrDefault(step, List.of()).size();
            for (Long time : times.subList(already, times.size())) {
                change(stays.computeIfAbsent(step, s -> new SortedCounts<>()), time, sign);
            }
        });
        for (int i = 0; i < lead.handoffs().size(); i++) {
            Handoff h = lead.handoffs().get(i);
            Handoff was = before != null && i < before.handoffs().size() ? before.handoffs().get(i) : null;
            if (was == null) {
                handoffs += sign;
            }
            if (!h.pending() && (was == null || was.pending())) {
                if (h.outcome() == Handoff.Outcome.ACCEPTED) {
                    accepted += sign;
                    change(timesToAccept, h.timeToAnswer().toMillis(), sign);
                } else {
                    rejected += sign;
                    String reason = h.reason() == null || h.reason().isBlank() ? "unspecified" : h.reason().trim();
                    change(reasons, reason, sign);
                }
            }
            if (h.recycled() && (was == null || !was.recycled())) {
                recycled += sign;
            }
            if (h.breached() && (was == null || !was.breached())) {
                breaches += sign;
            }
            if (h.slaSettled() && (was == null || !was.slaSettled())) {
                settled += sign;
                if (!h.breached()) {
                    inTime += sign;
                }
            }
        }
        boolean wonBefore = before != null && before.won();
        if (wonBefore) {
            change(customersBefore, lead.customerId(), sign);
        }
        if (lead.won()) {
            change(customersAfter, lead.customerId(), sign);
            if (!wonBefore) {
                wins += sign;
                Set<MarketingContribution> kinds = lead.marketingContributionsToWin();
                if (!kinds.isEmpty()) {
                    contributedWins += sign;
                    kinds.forEach(kind -> change(contributedByKind, kind.name(), sign));
                }
            }
            long amountBefore = before == null || before.wonAmountCents() == null ? 0 : before.wonAmountCents();
            wonAmount += sign * (lead.wonAmountCents() - amountBefore);
            Long profitBefore = before == null ? null : before.wonGrossProfitCents();
            if (lead.wonGrossProfitCents() != null && !lead.wonGrossProfitCents().equals(profitBefore)) {
                grossProfit += sign * (lead.wonGrossProfitCents() - (profitBefore == null ? 0 : profitBefore));
                change(customersWithProfit, lead.customerId(), sign);
            }
        } else if (lead.status() == LeadStatus.LOST && (before == null || before.status() != LeadStatus.LOST)) {
            losses += sign;
        }
        if (lead.lastEventAt() != null) {
            change(lastEvents, lead.lastEventAt(), sign);
        }
    }

    private static <T extends Comparable<? super T>> void change(SortedCounts<T> counts, T value, int sign) {
        if (sign > 0) {
            counts.add(value);
        } else {
            counts.remove(value);
        }
    }

    /** A count by key that keeps no key at zero, as a tally from scratch would never have written it. */
    private static void change(Map<String, Long> counts, String key, int sign) {
        counts.merge(key, (long) sign, (a, b) -> a + b == 0 ? null : a + b);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
