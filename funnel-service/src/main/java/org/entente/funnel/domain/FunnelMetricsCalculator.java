package org.entente.funnel.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.entente.events.FunnelMetrics;
import org.entente.events.FunnelStep;

/**
 * The shared metrics of one organization, computed from scratch from its leads' summaries, so Sales and Marketing
 * read the same numbers from the same definitions:
 * <ul>
 * <li>leads at each step: leads not lost, at their current step;</li>
 * <li>step-to-step conversion {@code FROM->TO}: of the leads that got at least as far as FROM, the share that got at
 * least as far as TO;</li>
 * <li>median time in step: over every finished stay in that step;</li>
 * <li>acceptance rate: accepted / (accepted + rejected); median time to accept;</li>
 * <li>SLA compliance: handoffs answered in time / handoffs whose SLA is settled (answered in time or breached);</li>
 * <li>recycle rate: recycled / rejected;</li>
 * <li>closings (won or lost leads), wins, win rate = wins / closings, new customers = distinct accounts won,
 * average gross profit per customer = total gross profit of wins / new customers.</li>
 * </ul>
 * Ratios are null while their denominator is zero. It does not yet window metrics by period.
 */
public final class FunnelMetricsCalculator {

    private FunnelMetricsCalculator() {
    }

    public static FunnelMetrics compute(String organization, Collection<LeadSummary> leads) {
        Map<String, Long> atStep = new LinkedHashMap<>();
        Steps.IN_ORDER.forEach(s -> atStep.put(s.name(), 0L));
        long[] reachedAtLeast = new long[Steps.IN_ORDER.size()];
        Map<FunnelStep, List<Long>> stays = new TreeMap<>();
        long handoffs = 0, accepted = 0, rejected = 0, recycled = 0, breaches = 0, settled = 0, inTime = 0;
        List<Long> timesToAccept = new ArrayList<>();
        Map<String, Long> reasons = new TreeMap<>();
        long wins = 0, losses = 0;
        Set<String> customers = new HashSet<>();
        long grossProfit = 0;
        Instant updatedAt = Instant.EPOCH;

        for (LeadSummary lead : leads) {
            if (lead.step() != null && lead.status() != LeadStatus.LOST) {
                atStep.merge(lead.step().name(), 1L, Long::sum);
            }
            if (lead.furthestStep() != null) {
                for (int i = 0; i <= lead.furthestStep().ordinal(); i++) {
                    reachedAtLeast[i]++;
                }
            }
            lead.completedStaysMillis().forEach((step, list) ->
                    stays.computeIfAbsent(step, s -> new ArrayList<>()).addAll(list));
            for (Handoff h : lead.handoffs()) {
                handoffs++;
                if (h.outcome() == Handoff.Outcome.ACCEPTED) {
                    accepted++;
                    timesToAccept.add(h.timeToAnswer().toMillis());
                } else if (h.outcome() == Handoff.Outcome.REJECTED) {
                    rejected++;
                    String reason = h.reason() == null || h.reason().isBlank() ? "unspecified" : h.reason().trim();
                    reasons.merge(reason, 1L, Long::sum);
                }
                if (h.recycled()) {
                    recycled++;
                }
                if (h.breached()) {
                    breaches++;
                }
                if (h.slaSettled()) {
                    settled++;
                    if (!h.breached()) {
                        inTime++;
                    }
                }
            }
            if (lead.status() == LeadStatus.WON || lead.wonAmountCents() != null) {
                wins++;
                customers.add(lead.customerId());
                grossProfit += lead.wonGrossProfitCents() == null ? 0 : lead.wonGrossProfitCents();
            } else if (lead.status() == LeadStatus.LOST) {
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
        stays.forEach((step, list) -> medianStay.put(step.name(), median(list)));
        long closings = wins + losses;

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
                .setClosings(closings)
                .setWins(wins)
                .setNewCustomers(customers.size())
                .setWinRate(ratio(wins, closings))
                .setAverageGrossProfitPerCustomerCents(customers.isEmpty() ? null : grossProfit / customers.size())
                .setUpdatedAt(updatedAt)
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
