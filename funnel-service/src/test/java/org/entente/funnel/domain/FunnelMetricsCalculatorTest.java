package org.entente.funnel.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.entente.funnel.FunnelEvents.hours;
import static org.entente.funnel.FunnelEvents.lead;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelMetrics;
import org.entente.events.FunnelStep;
import org.entente.funnel.FunnelEvents;
import org.junit.jupiter.api.Test;

class FunnelMetricsCalculatorTest {

    private static final Duration SLA = Duration.ofHours(24);
    private final FunnelEvents acme = FunnelEvents.of("acme");

    /** Five leads: two awareness-only, one accepted then won, one rejected and recycled, one accepted late and lost. */
    private List<LeadSummary> leads() {
        List<FunnelEvent> events = List.of(
                acme.entered("a1", "A", FunnelStep.BRAND_AWARENESS, hours(0)),
                acme.entered("b1", "B", FunnelStep.BRAND_AWARENESS, hours(0)),
                acme.entered("c1", "C", FunnelStep.BRAND_AWARENESS, hours(0)),
                acme.entered("c2", "C", FunnelStep.BRAND_PREFERENCE, hours(4)),
                acme.handedOff("c3", "C", hours(10)),
                acme.accepted("c4", "C", hours(12)),
                acme.won("c5", "C", "ACC-1", 50_000_00, 20_000_00, hours(100)),
                acme.entered("d1", "D", FunnelStep.BRAND_CONSIDERATION, hours(0)),
                acme.handedOff("d2", "D", hours(2)),
                acme.rejected("d3", "D", "not in target segment", hours(6)),
                acme.recycled("d4", "D", hours(7)),
                acme.entered("e1", "E", FunnelStep.BRAND_PREFERENCE, hours(0)),
                acme.handedOff("e2", "E", hours(1)),
                acme.accepted("e3", "E", hours(31)),
                acme.lost("e4", "E", hours(90)));
        Map<String, LeadHistory> histories = new LinkedHashMap<>();
        for (FunnelEvent e : events) {
            histories.merge(e.getLeadId(), LeadHistory.empty("acme", e.getLeadId()).with(lead(e)),
                    (old, fresh) -> old.with(lead(e)));
        }
        List<LeadSummary> summaries = new ArrayList<>();
        histories.values().forEach(h -> summaries.add(h.summarize(SLA)));
        return summaries;
    }

    @Test
    void leadsAtEachStepCountOpenAndWonLeadsWhereTheyAre() {
        FunnelMetrics m = FunnelMetricsCalculator.compute("acme", leads());

        assertThat(m.getLeadsAtStep()).containsExactly(
                Map.entry("CUSTOMER_AWARENESS", 0L), Map.entry("BRAND_AWARENESS", 2L),
                Map.entry("BRAND_CONSIDERATION", 1L), Map.entry("BRAND_PREFERENCE", 0L),
                Map.entry("PURCHASE_INTENTION", 0L), Map.entry("PURCHASE", 1L), Map.entry("LOYALTY", 0L),
                Map.entry("ADVOCACY", 0L));
    }

    @Test
    void conversionIsTheShareOfLeadsThatGotAtLeastOneStepFurther() {
        FunnelMetrics m = FunnelMetricsCalculator.compute("acme", leads());

        // reached at least: awareness 5, consideration 3, preference 2, intention 2, purchase 1
        assertThat(m.getConversion()).containsEntry("BRAND_AWARENESS->BRAND_CONSIDERATION", 3 / 5.0)
                .containsEntry("BRAND_CONSIDERATION->BRAND_PREFERENCE", 2 / 3.0)
                .containsEntry("PURCHASE_INTENTION->PURCHASE", 0.5)
                .containsEntry("PURCHASE->LOYALTY", 0.0)
                .doesNotContainKey("LOYALTY->ADVOCACY");
    }

    @Test
    void handoffFiguresShareOneDefinition() {
        FunnelMetrics m = FunnelMetricsCalculator.compute("acme", leads());

        assertThat(m.getHandoffs()).isEqualTo(3);
        assertThat(m.getAccepted()).isEqualTo(2);
        assertThat(m.getRejected()).isEqualTo(1);
        assertThat(m.getRecycled()).isEqualTo(1);
        assertThat(m.getAcceptanceRate()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(m.getMedianTimeToAcceptMillis()).isEqualTo(Duration.ofHours(2).toMillis());
        assertThat(m.getSlaBreaches()).isEqualTo(1);
        assertThat(m.getSlaCompliance()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(m.getRecycleRate()).isEqualTo(1.0);
        assertThat(m.getRejectionReasons()).containsExactly(Map.entry("not in target segment", 1L));
    }

    @Test
    void closingsWinsAndProfitPerCustomer() {
        FunnelMetrics m = FunnelMetricsCalculator.compute("acme", leads());

        assertThat(m.getClosings()).isEqualTo(2);
        assertThat(m.getWins()).isEqualTo(1);
        assertThat(m.getNewCustomers()).isEqualTo(1);
        assertThat(m.getWinRate()).isEqualTo(0.5);
        assertThat(m.getAverageGrossProfitPerCustomerCents()).isEqualTo(20_000_00L);
        assertThat(m.getUpdatedAt()).isEqualTo(hours(100));
    }

    @Test
    void medianTimeInStepUsesFinishedStays() {
        FunnelMetrics m = FunnelMetricsCalculator.compute("acme", leads());

        // BRAND_PREFERENCE stays: C 4h->12h = 8h, E 0h->31h = 31h; the lower middle of two is 8h
        assertThat(m.getMedianTimeInStepMillis()).containsEntry("BRAND_PREFERENCE", Duration.ofHours(8).toMillis())
                .containsEntry("BRAND_AWARENESS", Duration.ofHours(4).toMillis());
    }

    @Test
    void anOrganizationWithoutLeadsHasZerosAndNoRatios() {
        FunnelMetrics m = FunnelMetricsCalculator.compute("nobody", List.of());

        assertThat(m.getLeadsAtStep()).hasSize(8).allSatisfy((step, count) -> assertThat(count).isZero());
        assertThat(m.getAcceptanceRate()).isNull();
        assertThat(m.getWinRate()).isNull();
        assertThat(m.getSlaCompliance()).isNull();
    }
}
