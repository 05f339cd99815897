package org.entente.funnel.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.entente.funnel.FunnelEvents.T0;
import static org.entente.funnel.FunnelEvents.hours;
import static org.entente.funnel.FunnelEvents.lead;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelMetrics;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;
import org.entente.events.Team;
import org.entente.funnel.FunnelEvents;
import org.junit.jupiter.api.Test;

class FunnelMetricsCalculatorTest {

    private static final Duration SLA = Duration.ofHours(24);
    private final FunnelEvents acme = FunnelEvents.of("acme");

    private static List<LeadSummary> summaries(List<FunnelEvent> events) {
        Map<String, LeadHistory> histories = new LinkedHashMap<>();
        for (FunnelEvent e : events) {
            histories.merge(e.getLeadId(), LeadHistory.empty("acme", e.getLeadId()).with(lead(e)),
                    (old, fresh) -> old.with(lead(e)));
        }
        return histories.values().stream().map(h -> h.summarize(SLA)).toList();
    }

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
        return summaries(events);
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

        assertThat(m.getClosings()).as("won deals only").isEqualTo(1);
        assertThat(m.getLosses()).isEqualTo(1);
        assertThat(m.getWins()).isEqualTo(1);
        assertThat(m.getNewCustomers()).isEqualTo(1);
        assertThat(m.getWinRate()).isEqualTo(0.5);
        assertThat(m.getAverageGrossProfitPerCustomerCents()).isEqualTo(20_000_00L);
        assertThat(m.getUpdatedAt()).isEqualTo(hours(100));
    }

    @Test
    void averageGrossProfitCountsOnlyCustomersWithAProfitFigure() {
        List<LeadSummary> leads = summaries(List.of(
                acme.won("w1", "W1", "ACC-1", 10_000_00, 4_000_00, hours(1)),
                acme.base("w2", "W2", FunnelEventType.WON, null, Team.SALES, hours(2)).setAccountId("ACC-2")
                        .setAmountCents(10_000_00L).build()));

        assertThat(FunnelMetricsCalculator.compute("acme", leads).getAverageGrossProfitPerCustomerCents())
                .as("4,000 over the one customer with a figure, not 2,000 over two").isEqualTo(4_000_00L);
        assertThat(FunnelMetricsCalculator.compute("acme", leads.subList(1, 2)).getAverageGrossProfitPerCustomerCents())
                .as("absent, not 0, when no win carries a gross profit").isNull();
    }

    @Test
    void marketingsShareOfWonDealsCountsContributionsMadeBeforeTheWinByKind() {
        Period november = Period.parse("2026-11");
        Instant t = november.from();
        List<LeadSummary> leads = summaries(List.of(
                acme.contributed("m1", "W1", Team.MARKETING, FunnelStep.PURCHASE_INTENTION,
                        MarketingContribution.CASE_STUDY, t.plusSeconds(10)),
                acme.contributed("m2", "W1", Team.MARKETING, FunnelStep.PURCHASE_INTENTION,
                        MarketingContribution.CASE_STUDY, t.plusSeconds(20)),
                acme.contributed("m3", "W1", Team.MARKETING, FunnelStep.PURCHASE,
                        MarketingContribution.PRICING_ADVICE, t.plusSeconds(30)),
                acme.won("w1", "W1", "ACC-1", 10_000_00, 0, t.plusSeconds(40)),
                acme.contributed("m4", "W2", Team.MARKETING, FunnelStep.PURCHASE,
                        MarketingContribution.SITE_VISIT, t.plusSeconds(50)),
                acme.won("w2", "W2", "ACC-2", 10_000_00, 0, november.to().plusSeconds(60)),
                acme.won("w3", "W3", "ACC-3", 10_000_00, 0, t.plusSeconds(70)),
                acme.contributed("m5", "W3", Team.MARKETING, FunnelStep.LOYALTY,
                        MarketingContribution.CASE_STUDY, t.plusSeconds(80)),
                acme.contributed("s1", "W4", Team.SALES, FunnelStep.BRAND_AWARENESS,
                        MarketingContribution.UPSTREAM_INPUT, t.plusSeconds(90)),
                acme.won("w4", "W4", "ACC-4", 10_000_00, 0, t.plusSeconds(100))));

        FunnelMetrics allTime = FunnelMetricsCalculator.compute("acme", leads);
        FunnelMetrics inNovember = FunnelMetricsCalculator.compute("acme", leads, november, SLA);

        assertThat(allTime.getMarketingContributedWins()).isEqualTo(2);
        assertThat(allTime.getMarketingContributionShare()).isEqualTo(0.5);
        assertThat(allTime.getMarketingContributedWinsByKind()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "CASE_STUDY", 1L, "PRICING_ADVICE", 1L, "SITE_VISIT", 1L));
        assertThat(inNovember.getClosings()).isEqualTo(3);
        assertThat(inNovember.getMarketingContributedWins())
                .as("W1 only: W2 is won in December, W3's case study came after its win, W4 had Sales input only")
                .isEqualTo(1);
        assertThat(inNovember.getMarketingContributionShare()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(FunnelMetricsCalculator.compute("nobody", List.of()).getMarketingContributionShare()).isNull();
    }

    @Test
    void anAccountIsANewCustomerOnlyInThePeriodItIsFirstWon() {
        Period november = Period.parse("2026-11");
        Period december = Period.parse("2026-12");
        List<LeadSummary> leads = summaries(List.of(
                acme.won("r1", "R1", "ACC-1", 10_000_00, 1_000_00, november.from().plusSeconds(60)),
                acme.won("r2", "R2", "ACC-1", 20_000_00, 3_000_00, december.from().plusSeconds(60)),
                acme.won("r3", "R3", "ACC-2", 30_000_00, 5_000_00, december.from().plusSeconds(120))));

        FunnelMetrics inDecember = FunnelMetricsCalculator.compute("acme", leads, december, SLA);
        FunnelMetrics inNovember = FunnelMetricsCalculator.compute("acme", leads, november, SLA);

        assertThat(inDecember.getClosings()).isEqualTo(2);
        assertThat(inDecember.getNewCustomers()).as("ACC-1 is repeat business in December").isEqualTo(1);
        assertThat(inDecember.getAverageGrossProfitPerCustomerCents()).isEqualTo(4_000_00L);
        assertThat(inNovember.getClosings()).isEqualTo(1);
        assertThat(inNovember.getNewCustomers()).isEqualTo(1);
        assertThat(FunnelMetricsCalculator.compute("acme", leads).getNewCustomers()).isEqualTo(2);
    }

    @Test
    void aPeriodCountsWhatHappenedInItAndShowsStepsAsItEnded() {
        Instant december1 = Period.parse("2026-12").from();
        LeadHistory history = LeadHistory.empty("acme", "P");
        for (FunnelEvent e : List.of(
                acme.entered("p1", "P", FunnelStep.BRAND_PREFERENCE, T0.minus(Duration.ofDays(10))),
                acme.handedOff("p2", "P", T0),
                acme.rejected("p3", "P", "too small", december1.plusSeconds(5)),
                acme.recycled("p4", "P", december1.plusSeconds(10)))) {
            history = history.with(lead(e));
        }
        // the SLA clock announced the breach when the 24 hours ran out, on November 3
        List<LeadSummary> leads = List.of(history.withBreach(T0).summarize(SLA));

        FunnelMetrics november = FunnelMetricsCalculator.compute("acme", leads, Period.parse("2026-11"), SLA);
        FunnelMetrics december = FunnelMetricsCalculator.compute("acme", leads, Period.parse("2026-12"), SLA);
        FunnelMetrics thirdQuarter =
                FunnelMetricsCalculator.compute("acme", leads, Period.parse("2026-Q4").previous(), SLA);

        assertThat(november.getHandoffs()).isEqualTo(1);
        assertThat(november.getRejected()).isZero();
        assertThat(november.getSlaBreaches()).as("the 24 h SLA ran out in November").isEqualTo(1);
        assertThat(november.getLeadsAtStep()).containsEntry("BRAND_PREFERENCE", 1L);
        assertThat(november.getMedianTimeInStepMillis()).isEmpty();
        assertThat(december.getHandoffs()).isZero();
        assertThat(december.getRejected()).isEqualTo(1);
        assertThat(december.getRecycled()).isEqualTo(1);
        assertThat(december.getRecycleRate()).isEqualTo(1.0);
        assertThat(december.getSlaBreaches()).as("already counted in November").isZero();
        assertThat(november.getSlaCompliance()).isEqualTo(0.0);
        assertThat(thirdQuarter.getHandoffs()).isZero();
        assertThat(thirdQuarter.getLeadsAtStep()).as("Q3 ended before the lead's first event").containsEntry(
                "BRAND_PREFERENCE", 0L);
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
