package org.entente.funnel.domain;

import java.time.Duration;
import java.util.Collection;
import org.entente.events.FunnelMetrics;

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
 * first contract version). The counting itself is {@link FunnelTally}'s, which also keeps an organization's all-time
 * metrics up to date lead by lead.
 */
public final class FunnelMetricsCalculator {

    private FunnelMetricsCalculator() {
    }

    /** All-time metrics: every lead from its first event. */
    public static FunnelMetrics compute(String organization, Collection<LeadSummary> leads) {
        FunnelTally tally = new FunnelTally();
        leads.forEach(tally::add);
        return tally.metrics(organization);
    }

    /** The metrics of one period, from the leads replayed as of its start and its end under the handoff SLA. */
    public static FunnelMetrics compute(String organization, Collection<LeadSummary> leads, Period period,
            Duration sla) {
        FunnelTally tally = new FunnelTally();
        for (LeadSummary lead : leads) {
            LeadSummary after = lead.asOf(period.to(), sla);
            if (after != null && after.lastEventAt() != null) {
                tally.add(lead.asOf(period.from(), sla), after);
            }
        }
        return tally.metrics(organization);
    }
}
