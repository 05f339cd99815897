package org.entente.funnel.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.entente.events.FunnelMetrics;
import org.entente.funnel.domain.Steps;

/**
 * The JSON of an organization's shared metrics, mapped field by field from {@link FunnelMetrics}; {@code updatedAt}
 * (the event time of the latest funnel event) is null for an organization with no events yet.
 */
public record MetricsView(String organization, Map<String, Long> leadsAtStep, Map<String, Double> conversion,
        Map<String, Long> medianTimeInStepMillis, long handoffs, long accepted, long rejected, long recycled,
        Double acceptanceRate, Long medianTimeToAcceptMillis, long slaBreaches, Double slaCompliance,
        Double recycleRate, Map<String, Long> rejectionReasons, long closings, long losses, long wins,
        long newCustomers,
        Double winRate, Long averageGrossProfitPerCustomerCents, Instant updatedAt) {

    public static MetricsView from(FunnelMetrics m) {
        return new MetricsView(m.getOrganization(), inFunnelOrder(m.getLeadsAtStep(), 0L),
                inFunnelOrder(m.getConversion(), null), inFunnelOrder(m.getMedianTimeInStepMillis(), null),
                m.getHandoffs(), m.getAccepted(), m.getRejected(), m.getRecycled(), m.getAcceptanceRate(),
                m.getMedianTimeToAcceptMillis(), m.getSlaBreaches(), m.getSlaCompliance(), m.getRecycleRate(),
                new LinkedHashMap<>(m.getRejectionReasons()), m.getClosings(), m.getLosses(), m.getWins(),
                m.getNewCustomers(),
                m.getWinRate(), m.getAverageGrossProfitPerCustomerCents(),
                Instant.EPOCH.equals(m.getUpdatedAt()) ? null : m.getUpdatedAt());
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
