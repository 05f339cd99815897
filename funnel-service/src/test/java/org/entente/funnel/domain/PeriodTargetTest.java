package org.entente.funnel.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.entente.funnel.FunnelEvents.T0;
import static org.entente.funnel.FunnelEvents.lead;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelMetrics;
import org.entente.events.FunnelStep;
import org.entente.funnel.FunnelEvents;
import org.junit.jupiter.api.Test;

/**
 * Won amounts per period, and a period's metrics measured against its revenue target: attainment (won ÷ target) and
 * sales expense to total sales (expense ÷ won), each absent when a figure it needs is missing.
 */
class PeriodTargetTest {

    private static final Duration SLA = Duration.ofHours(24);
    private static final Period Q4 = Period.parse("2026-Q4");
    private final FunnelEvents acme = FunnelEvents.of("acme");

    /** X won $30,000 in Q3; Y won $50,000 in Q4 (T0 is 2 November 2026) and Z was lost; W is still open. */
    private List<LeadSummary> leads() {
        List<FunnelEvent> events = List.of(
                acme.entered("x1", "X", FunnelStep.PURCHASE_INTENTION, T0.minus(Duration.ofDays(70))),
                acme.won("x2", "X", "ACC-X", 30_000_00, 9_000_00, T0.minus(Duration.ofDays(60))),
                acme.entered("y1", "Y", FunnelStep.PURCHASE_INTENTION, T0.minus(Duration.ofDays(20))),
                acme.won("y2", "Y", "ACC-Y", 50_000_00, 20_000_00, T0.plus(Duration.ofHours(1))),
                acme.entered("z1", "Z", FunnelStep.PURCHASE_INTENTION, T0),
                acme.lost("z2", "Z", T0.plus(Duration.ofHours(2))),
                acme.entered("w1", "W", FunnelStep.PURCHASE, T0));
        Map<String, LeadHistory> histories = new LinkedHashMap<>();
        for (FunnelEvent e : events) {
            histories.merge(e.getLeadId(), LeadHistory.empty("acme", e.getLeadId()).with(lead(e)),
                    (old, fresh) -> old.with(lead(e)));
        }
        return histories.values().stream().map(h -> h.summarize(SLA)).toList();
    }

    @Test
    void theWonAmountCountsTheWinsOfThePeriodOnly() {
        assertThat(FunnelMetricsCalculator.compute("acme", leads(), Q4, SLA).getWonAmountCents()).isEqualTo(50_000_00);
        assertThat(FunnelMetricsCalculator.compute("acme", leads(), Q4.previous(), SLA).getWonAmountCents())
                .isEqualTo(30_000_00);
        assertThat(FunnelMetricsCalculator.compute("acme", leads()).getWonAmountCents()).isEqualTo(80_000_00);
    }

    @Test
    void attainmentIsWonOverTargetAndExpenseToSalesIsExpenseOverWon() {
        FunnelMetrics q4 = FunnelMetricsCalculator.compute("acme", leads(), Q4, SLA);

        FunnelMetrics measured = new PeriodTarget("acme", Q4, 200_000_00L, 10_000_00L).measure(q4);

        assertThat(measured.getRevenueTargetCents()).isEqualTo(200_000_00L);
        assertThat(measured.getTargetAttainment()).isEqualTo(0.25);
        assertThat(measured.getSalesExpenseCents()).isEqualTo(10_000_00L);
        assertThat(measured.getSalesExpenseToSales()).isEqualTo(0.2);
        assertThat(measured.getClosings()).as("the rest is untouched").isEqualTo(q4.getClosings()).isEqualTo(1);
    }

    @Test
    void whatIsMissingStaysAbsentNotZero() {
        FunnelMetrics q4 = FunnelMetricsCalculator.compute("acme", leads(), Q4, SLA);
        FunnelMetrics nothingWon = FunnelMetricsCalculator.compute("acme", leads(), Period.parse("2026-12"), SLA);

        FunnelMetrics noTarget = PeriodTarget.measure(q4, null);
        assertThat(noTarget.getTargetAttainment()).isNull();
        assertThat(noTarget.getSalesExpenseToSales()).isNull();

        FunnelMetrics expenseOnly = new PeriodTarget("acme", Q4, null, 5_000_00L).measure(q4);
        assertThat(expenseOnly.getTargetAttainment()).isNull();
        assertThat(expenseOnly.getSalesExpenseToSales()).isEqualTo(0.1);

        FunnelMetrics targetNothingWon = new PeriodTarget("acme", Period.parse("2026-12"), 100_00L, 5_00L)
                .measure(nothingWon);
        assertThat(targetNothingWon.getTargetAttainment()).isEqualTo(0.0);
        assertThat(targetNothingWon.getSalesExpenseToSales()).as("nothing won: no ratio").isNull();
    }

    @Test
    void aTargetNeedsAFigureAndSensibleAmountsAndAQuarterOrMonth() {
        assertThat(PeriodTarget.problems(null, null)).containsOnlyKeys("targetCents", "salesExpenseCents");
        assertThat(PeriodTarget.problems(0L, -1L)).containsEntry("targetCents", "a target must be more than 0 cents")
                .containsEntry("salesExpenseCents", "a sales expense must not be negative");
        assertThat(PeriodTarget.problems(1L, null)).isEmpty();
        assertThat(PeriodTarget.problems(null, 0L)).isEmpty();
        Period days = Period.days(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31"));
        assertThatThrownBy(() -> new PeriodTarget("acme", days, 1L, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
