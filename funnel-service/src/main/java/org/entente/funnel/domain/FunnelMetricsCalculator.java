package org.entente.funnel.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
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
 * The shared metrics of one organization, computed from scratch from its leads' summaries, so Sales and Marketing
 * read the same numbers from the same definitions. All-time, or for a {@link Period}: then each lead is replayed as
 * it stood at the start and at the end of the period, and what changed in between is what the period counts.
 * <ul>
 * <li>leads at each step: leads not lost, at their step (at the end of the period);</li>
 * <li>step-to-step conversion {@code FROM->TO}: of the leads that got at least as far as FROM, the share that got at
 * least as far as TO (for a period: of the leads with an event in it);</li>
 * <li>median time in step: over every stay in that step that ended (in the period);</li>
 * <li>handoffs made, accepted, rejected, recycled (in the period); acceptance rate: accepted / (accepted +
 * rejected); median time to accept;</li>
 * <li>SLA compliance: handoffs answered in time / handoffs whose SLA was settled (answered in time or breached);</li>
 * <li>recycle rate: recycled / rejected, the share of rejected leads Marketing took back;</li>
 * <li>closings: won deals (leads won for the first time); losses: leads lost without having been won; win rate:
 * closings / (closings + losses);</li>
 * <li>new customers: accounts won for the first time (a lead without an account is its own account); an account
 * won again is repeat business, not new;</li>
 * <li>average gross profit per customer: gross profit of the wins / the distinct accounts whose wins carried a
 * gross profit figure; absent when none did.</li>
 * <li>Marketing-contributed wins: closings on leads Marketing made at least one contribution to (on a Sales step)
 * before the win; Marketing contribution share: Marketing-contributed wins / closings; by kind: for each kind of
 * contribution, the closings it was made to (a deal with two kinds counts under both, once each).</li>
 * <li>won amount: the amounts of the deals won (in the period); a period's target and sales expense are set on
 * these metrics by {@link PeriodTarget}.</li>
 * </ul>
 * Ratios are null while their denominator is zero. {@code wins} equals {@code closings} (both kept for readers of the
 * first contract version).
 */
public final class FunnelMetricsCalculator {

    private FunnelMetricsCalculator() {
    }

    /** All-time metrics: every lead from its first event. */
    public static FunnelMetrics compute(String organization, Collection<LeadSummary> leads) {
        return tally(organization, leads.stream().map(l -> new Change(null, l)).toList());
    }

    /** The metrics of one period, from the leads replayed as of its start and its end under the handoff SLA. */
    public static FunnelMetrics compute(String organization, Collection<LeadSummary> leads, Period period,
            Duration sla) {
        List<Change> changes = new ArrayList<>();
        for (LeadSummary lead : leads) {
            LeadSummary after = lead.asOf(period.to(), sla);
            if (after != null && after.lastEventAt() != null) {
                changes.add(new Change(lead.asOf(period.from(), sla), after));
            }
        }
        return tally(organization, changes);
    }

    /** One lead as it stood before (null: not yet seen) and after the span counted. */
    private record Change(LeadSummary before, LeadSummary after) {

        boolean active() {
            return before == null || !Objects.equals(before.lastEventAt(), after.lastEventAt());
        }

        Handoff handoffBefore(int index) {
            return before != null && index < before.handoffs().size() ? before.handoffs().get(index) : null;
        }

        int staysBefore(FunnelStep step) {
            return before == null ? 0 : before.completedStaysMillis().getOrDefault(step, List.of()).size();
        }

        boolean wonBefore() {
            return before != null && before.won();
        }

        Long profitBefore() {
            return before == null ? null : before.wonGrossProfitCents();
        }

        long wonAmountBefore() {
            return before == null || before.wonAmountCents() == null ? 0 : before.wonAmountCents();
        }
    }

    private static FunnelMetrics tally(String organization, List<Change> changes) {
        Map<String, Long> atStep = new LinkedHashMap<>();
        Steps.IN_ORDER.forEach(s -> atStep.put(s.name(), 0L));
        long[] reachedAtLeast = new long[Steps.IN_ORDER.size()];
        Map<FunnelStep, List<Long>> stays = new TreeMap<>();
        long handoffs = 0, accepted = 0, rejected = 0, recycled = 0, breaches = 0, settled = 0, inTime = 0;
        List<Long> timesToAccept = new ArrayList<>();
        Map<String, Long> reasons = new TreeMap<>();
        long wins = 0, losses = 0;
        Set<String> customersBefore = new HashSet<>();
        Set<String> customersAfter = new HashSet<>();
        Set<String> customersWithProfit = new HashSet<>();
        long grossProfit = 0;
        long wonAmount = 0;
        long contributedWins = 0;
        Map<String, Long> contributedByKind = new TreeMap<>();
        Instant updatedAt = Instant.EPOCH;

        for (Change change : changes) {
            LeadSummary lead = change.after();
            if (lead.step() != null && lead.status() != LeadStatus.LOST) {
                atStep.merge(lead.step().name(), 1L, Long::sum);
            }
            if (lead.furthestStep() != null && change.active()) {
                for (int i = 0; i <= lead.furthestStep().ordinal(); i++) {
                    reachedAtLeast[i]++;
                }
            }
            lead.completedStaysMillis().forEach((step, list) -> stays.computeIfAbsent(step, s -> new ArrayList<>())
                    .addAll(list.subList(change.staysBefore(step), list.size())));
            for (int i = 0; i < lead.handoffs().size(); i++) {
                Handoff h = lead.handoffs().get(i);
                Handoff was = change.handoffBefore(i);
                if (was == null) {
                    handoffs++;
                }
                if (!h.pending() && (was == null || was.pending())) {
                    if (h.outcome() == Handoff.Outcome.ACCEPTED) {
                        accepted++;
                        timesToAccept.add(h.timeToAnswer().toMillis());
                    } else {
                        rejected++;
                        String reason = h.reason() == null || h.reason().isBlank() ? "unspecified" : h.reason().trim();
                        reasons.merge(reason, 1L, Long::sum);
                    }
                }
                if (h.recycled() && (was == null || !was.recycled())) {
                    recycled++;
                }
                if (h.breached() && (was == null || !was.breached())) {
                    breaches++;
                }
                if (h.slaSettled() && (was == null || !was.slaSettled())) {
                    settled++;
                    if (!h.breached()) {
                        inTime++;
                    }
                }
            }
            if (change.wonBefore()) {
                customersBefore.add(lead.customerId());
            }
            if (lead.won()) {
                customersAfter.add(lead.customerId());
                if (!change.wonBefore()) {
                    wins++;
                    Set<MarketingContribution> kinds = lead.marketingContributionsToWin();
                    if (!kinds.isEmpty()) {
                        contributedWins++;
                        kinds.forEach(kind -> contributedByKind.merge(kind.name(), 1L, Long::sum));
                    }
                }
                wonAmount += lead.wonAmountCents() - change.wonAmountBefore();
                Long profitBefore = change.profitBefore();
                if (lead.wonGrossProfitCents() != null && !lead.wonGrossProfitCents().equals(profitBefore)) {
                    grossProfit += lead.wonGrossProfitCents() - (profitBefore == null ? 0 : profitBefore);
                    customersWithProfit.add(lead.customerId());
                }
            } else if (lead.status() == LeadStatus.LOST
                    && (change.before() == null || change.before().status() != LeadStatus.LOST)) {
                losses++;
            }
            if (lead.lastEventAt() != null && lead.lastEventAt().isAfter(updatedAt)) {
                updatedAt = lead.lastEventAt();
            }
        }

        Map<String, Double> conversion = new LinkedHashMap<>();
        for (int i = 0; i + 1 < reachedAtLeast.length; i++) {
            if (reachedAtLeast[i] > 0) {
                conversion.put(Steps.IN_ORDER.get(i) + "->" + Steps.IN_ORDER.get(i + 1),
                        (double) reachedAtLeast[i + 1] / reachedAtLeast[i]);
            }
        }
        Map<String, Long> medianStay = new LinkedHashMap<>();
        stays.forEach((step, list) -> {
            if (!list.isEmpty()) {
                medianStay.put(step.name(), median(list));
            }
        });
        customersAfter.removeAll(customersBefore);

        return FunnelMetrics.newBuilder()
                .setOrganization(organization)
                .setLeadsAtStep(atStep)
                .setConversion(conversion)
                .setMedianTimeInStepMillis(medianStay)
                .setHandoffs(handoffs)
                .setAccepted(accepted)
                .setRejected(rejected)
                .setRecycled(recycled)
                .setAcceptanceRate(ratio(accepted, accepted + rejected))
                .setMedianTimeToAcceptMillis(timesToAccept.isEmpty() ? null : median(timesToAccept))
                .setSlaBreaches(breaches)
                .setSlaCompliance(ratio(inTime, settled))
                .setRecycleRate(ratio(recycled, rejected))
                .setRejectionReasons(reasons)
                .setClosings(wins)
                .setLosses(losses)
                .setWins(wins)
                .setNewCustomers(customersAfter.size())
                .setWinRate(ratio(wins, wins + losses))
                .setAverageGrossProfitPerCustomerCents(customersWithProfit.isEmpty() ? null
                        : grossProfit / customersWithProfit.size())
                .setMarketingContributedWins(contributedWins)
                .setMarketingContributionShare(ratio(contributedWins, wins))
                .setMarketingContributedWinsByKind(contributedByKind)
                .setUpdatedAt(updatedAt)
                .setWonAmountCents(wonAmount)
                .build();
    }

    /** The median, the lower of the two middle values for an even count (a time someone actually took). */
    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
