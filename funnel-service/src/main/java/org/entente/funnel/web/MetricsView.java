package org.entente.funnel.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.entente.events.FunnelMetrics;
import org.entente.funnel.domain.Period;
import org.entente.funnel.domain.Steps;

/**
 * The JSON of an organization's shared metrics, mapped field by field from {@link FunnelMetrics}; {@code updatedAt}
 * (the event time of the latest funnel event counted) is null when no event is counted. All-time metrics carry no
 * {@code period}; the metrics of a period carry it, the same metrics of the previous period of the same length
 * ({@code previous}) and, for every single-number metric, this period's value minus the previous one's
 * ({@code change}; null where either is absent).
 */
public record MetricsView(String organization, Map<String, Long> leadsAtStep, Map<String, Double> conversion,
        Map<String, Long> medianTimeInStepMillis, long handoffs, long accepted, long rejected, long recycled,
        Double acceptanceRate, Long medianTimeToAcceptMillis, long slaBreaches, Double slaCompliance,
        Double recycleRate, Map<String, Long> rejectionReasons, long closings, long losses, long wins,
        long newCustomers, Double winRate, Long averageGrossProfitPerCustomerCents,
        long marketingContributedWins, Double marketingContributionShare,
        Map<String, Long> marketingContributedWinsByKind, long wonAmountCents, Long revenueTargetCents,
        Double targetAttainment, Long salesExpenseCents, Double salesExpenseToSales, Instant updatedAt,
        PeriodView period, MetricsView previous, Map<String, Double> change) {

    /** The single-number metrics, by their field name in {@link FunnelMetrics}, that {@code change} compares. */
    static final List<String> COMPARED = List.of("handoffs", "accepted", "rejected", "recycled", "acceptanceRate",
            "medianTimeToAcceptMillis", "slaBreaches", "slaCompliance", "recycleRate", "closings", "losses", "wins",
            "newCustomers", "winRate", "averageGrossProfitPerCustomerCents",
            "marketingContributedWins", "marketingContributionShare", "wonAmountCents", "targetAttainment",
            "salesExpenseToSales");

    /** A period as the JSON names it: its label and its bounds, {@code from} included and {@code to} excluded. */
    public record PeriodView(String label, Instant from, Instant to) {

        static PeriodView of(Period period) {
            return new PeriodView(period.label(), period.from(), period.to());
        }
    }

    /** All-time metrics. */
    public static MetricsView from(FunnelMetrics m) {
        return of(m, null, null, null);
    }

    /** The metrics of {@code period} next to those of the period before it. */
    public static MetricsView forPeriod(FunnelMetrics m, Period period, FunnelMetrics previous, Period before) {
        Map<String, Double> change = new LinkedHashMap<>();
        for (String field : COMPARED) {
            Object now = m.get(field);
            Object then = previous.get(field);
            change.put(field, now instanceof Number n && then instanceof Number t
                    ? n.doubleValue() - t.doubleValue() : null);
        }
        return of(m, PeriodView.of(period), of(previous, PeriodView.of(before), null, null), change);
    }

    private static MetricsView of(FunnelMetrics m, PeriodView period, MetricsView previous,
            Map<String, Double> change) {
        return new MetricsView(m.getOrganization(), inFunnelOrder(m.getLeadsAtStep(), 0L),
                inFunnelOrder(m.getConversion(), null), inFunnelOrder(m.getMedianTimeInStepMillis(), null),
                m.getHandoffs(), m.getAccepted(), m.getRejected(), m.getRecycled(), m.getAcceptanceRate(),
                m.getMedianTimeToAcceptMillis(), m.getSlaBreaches(), m.getSlaCompliance(), m.getRecycleRate(),
                new LinkedHashMap<>(m.getRejectionReasons()), m.getClosings(), m.getLosses(), m.getWins(),
                m.getNewCustomers(), m.getWinRate(), m.getAverageGrossProfitPerCustomerCents(),
                m.getMarketingContributedWins(), m.getMarketingContributionShare(),
                new LinkedHashMap<>(m.getMarketingContributedWinsByKind()), m.getWonAmountCents(),
                m.getRevenueTargetCents(), m.getTargetAttainment(), m.getSalesExpenseCents(),
                m.getSalesExpenseToSales(),
                Instant.EPOCH.equals(m.getUpdatedAt()) ? null : m.getUpdatedAt(), period, previous, change);
    }

    /** Map entries keyed by a step name (or "FROM->TO") sorted in funnel order; missing steps get the filler. */
    private static <V> Map<String, V> inFunnelOrder(Map<String, V> values, V filler) {
        Map<String, V> ordered = new LinkedHashMap<>();
        for (String step : Steps.names()) {
            values.entrySet().stream().filter(e -> e.getKey().equals(step) || e.getKey().startsWith(step + "->"))
                    .forEach(e -> ordered.put(e.getKey(), e.getValue()));
            if (filler != null && !ordered.containsKey(step)) {
                ordered.put(step, filler);
            }
        }
        values.forEach(ordered::putIfAbsent);
        return ordered;
    }
}
