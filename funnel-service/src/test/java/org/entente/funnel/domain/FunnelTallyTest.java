package org.entente.funnel.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entente.funnel.FunnelEvents.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;
import org.entente.events.Team;
import org.entente.funnel.FunnelEvents;
import org.junit.jupiter.api.Test;

/**
 * The running totals against a count from scratch: an organization whose leads change one event at a time, in any
 * event-time order, with the totals kept by taking back each lead's previous summary and adding its new one.
 */
class FunnelTallyTest {

    private static final Duration SLA = Duration.ofHours(24);
    private static final String[] REASONS = {"not in target segment", "no budget", " ", "duplicate"};

    private final FunnelEvents acme = FunnelEvents.of("acme");

    @Test
    void runningTotalsEqualACountFromScratchAfterEveryChange() {
        for (long seed = 1; seed <= 12; seed++) {
            Random random = new Random(seed);
            Map<String, LeadHistory> histories = new HashMap<>();
            Map<String, LeadSummary> summaries = new HashMap<>();
            FunnelTally tally = new FunnelTally();
            TopAccounts accounts = new TopAccounts();
            for (int step = 0; step < 600; step++) {
                String leadId = "L" + random.nextInt(30);
                LeadHistory before = histories.getOrDefault(leadId, LeadHistory.empty("acme", leadId));
                LeadHistory after = next(random, before, "e" + step, leadId);
                histories.put(leadId, after);
                LeadSummary summary = after.summarize(SLA).withoutHistory();
                LeadSummary previous = summaries.put(leadId, summary);
                tally.replace(previous, summary);
                accounts.replace(previous, summary);

                String context = "seed " + seed + ", step " + step;
                assertThat(tally.metrics("acme").toString()).as(context)
                        .isEqualTo(FunnelMetricsCalculator.compute("acme", summaries.values()).toString());
                assertThat(accounts.top(5)).as(context).isEqualTo(TopAccounts.of(summaries.values(), 5));
            }
            assertThat(tally.metrics("acme").getHandoffs()).as("the run reached handoffs").isPositive();
            assertThat(tally.metrics("acme").getClosings()).as("the run reached wins").isPositive();
        }
    }

    @Test
    void takingBackEveryLeadLeavesTheMetricsOfAnOrganizationWithoutLeads() {
        Random random = new Random(7);
        FunnelTally tally = new FunnelTally();
        Map<String, LeadSummary> summaries = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            String leadId = "L" + random.nextInt(10);
            LeadHistory history = LeadHistory.empty("acme", leadId);
            for (int e = 0; e < 6; e++) {
                history = next(random, history, "e" + i + "-" + e, leadId);
            }
            LeadSummary summary = history.summarize(SLA);
            tally.replace(summaries.put(leadId, summary), summary);
        }
        summaries.values().forEach(tally::remove);

        assertThat(tally.metrics("acme").toString())
                .isEqualTo(FunnelMetricsCalculator.compute("acme", List.of()).toString());
    }

    /** The lead's history with one more event of a random kind, at a random time (often before its latest). */
    private LeadHistory next(Random random, LeadHistory history, String eventId, String leadId) {
        Instant at = T0.plus(Duration.ofHours(random.nextInt(400)));
        String account = random.nextInt(3) == 0 ? null : "ACC-" + random.nextInt(6);
        FunnelEvent event = switch (random.nextInt(11)) {
            case 0, 1 -> acme.entered(eventId, leadId, FunnelStep.values()[random.nextInt(8)], at);
            case 2 -> acme.handedOff(eventId, leadId, at);
            case 3 -> acme.accepted(eventId, leadId, at);
            case 4 -> acme.rejected(eventId, leadId, REASONS[random.nextInt(REASONS.length)], at);
            case 5 -> acme.recycled(eventId, leadId, at);
            case 6 -> acme.won(eventId, leadId, account, 1_000 + random.nextInt(5) * 500L, random.nextInt(4) * 100L,
                    at);
            case 7 -> acme.lost(eventId, leadId, at);
            case 8 -> acme.opportunity(eventId, leadId, account, random.nextInt(4) * 250L, at);
            case 9 -> acme.contributed(eventId, leadId, Team.MARKETING, FunnelStep.values()[4 + random.nextInt(4)],
                    MarketingContribution.values()[random.nextInt(MarketingContribution.values().length)], at);
            default -> null;
        };
        if (event == null) {
            Handoff pending = history.summarize(SLA).pendingHandoff();
            return pending == null ? history : history.withBreach(pending.handedOffAt());
        }
        return history.with(FunnelEvents.lead(event));
    }
}
