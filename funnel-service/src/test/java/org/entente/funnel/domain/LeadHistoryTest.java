package org.entente.funnel.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.entente.funnel.FunnelEvents.hours;
import static org.entente.funnel.FunnelEvents.lead;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;
import org.entente.events.Team;
import org.entente.funnel.FunnelEvents;
import org.junit.jupiter.api.Test;

class LeadHistoryTest {

    private static final Duration SLA = Duration.ofHours(24);
    private final FunnelEvents acme = FunnelEvents.of("acme");

    private static LeadHistory replay(List<FunnelEvent> events) {
        LeadHistory history = LeadHistory.empty("acme", "L1");
        for (FunnelEvent e : events) {
            history = history.with(lead(e));
        }
        return history;
    }

    private List<FunnelEvent> handedOffAndAccepted() {
        return List.of(
                acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS, hours(0)),
                acme.entered("e2", "L1", FunnelStep.BRAND_CONSIDERATION, hours(10)),
                acme.entered("e3", "L1", FunnelStep.BRAND_PREFERENCE, hours(30)),
                acme.handedOff("e4", "L1", hours(40)),
                acme.accepted("e5", "L1", hours(46)));
    }

    @Test
    void anAcceptedLeadMovesToSalesFirstStep() {
        LeadSummary lead = replay(handedOffAndAccepted()).summarize(SLA);

        assertThat(lead.step()).isEqualTo(FunnelStep.PURCHASE_INTENTION);
        assertThat(lead.owner()).isEqualTo(Team.SALES);
        assertThat(lead.status()).isEqualTo(LeadStatus.OPEN);
        assertThat(lead.furthestStep()).isEqualTo(FunnelStep.PURCHASE_INTENTION);
        assertThat(lead.completedStaysMillis()).containsEntry(FunnelStep.BRAND_AWARENESS, List.of(hoursMs(10)))
                .containsEntry(FunnelStep.BRAND_CONSIDERATION, List.of(hoursMs(20)))
                .containsEntry(FunnelStep.BRAND_PREFERENCE, List.of(hoursMs(16)));
        assertThat(lead.handoffs()).singleElement().satisfies(h -> {
            assertThat(h.outcome()).isEqualTo(Handoff.Outcome.ACCEPTED);
            assertThat(h.fromStep()).isEqualTo(FunnelStep.BRAND_PREFERENCE);
            assertThat(h.timeToAnswer()).isEqualTo(Duration.ofHours(6));
            assertThat(h.deadline()).isEqualTo(hours(64));
            assertThat(h.answeredInTime()).isTrue();
            assertThat(h.breached()).isFalse();
        });
    }

    @Test
    void aContributionIsRecordedOnTheLeadWithoutMovingIt() {
        List<FunnelEvent> events = new ArrayList<>(handedOffAndAccepted());
        events.add(acme.contributed("m1", "L1", Team.MARKETING, FunnelStep.PURCHASE_INTENTION,
                MarketingContribution.PRICING_ADVICE, hours(60)));
        events.add(acme.won("w1", "L1", "ACC-1", 10_000_00, 0, hours(70)));
        events.add(acme.contributed("m2", "L1", Team.MARKETING, FunnelStep.LOYALTY,
                MarketingContribution.CASE_STUDY, hours(80)));
        events.add(acme.contributed("s1", "L1", Team.SALES, FunnelStep.BRAND_AWARENESS,
                MarketingContribution.UPSTREAM_INPUT, hours(90)));

        LeadSummary lead = replay(events).summarize(SLA);
        LeadSummary withoutContributions = replay(List.of(handedOffAndAccepted().get(0))).summarize(SLA);

        assertThat(withoutContributions.contributions()).isEmpty();
        assertThat(lead.step()).isEqualTo(FunnelStep.PURCHASE);
        assertThat(lead.owner()).isEqualTo(Team.SALES);
        assertThat(lead.status()).isEqualTo(LeadStatus.WON);
        assertThat(lead.lastEventAt()).isEqualTo(hours(90));
        assertThat(lead.contributions()).extracting(Contribution::eventId, Contribution::team, Contribution::afterWin)
                .containsExactly(tuple("m1", Team.MARKETING, false), tuple("m2", Team.MARKETING, true),
                        tuple("s1", Team.SALES, true));
        assertThat(lead.marketingContributionsToWin()).containsExactly(MarketingContribution.PRICING_ADVICE);
    }

    @Test
    void arrivalOrderDoesNotMatterOnlyEventTime() {
        LeadSummary inOrder = replay(handedOffAndAccepted()).summarize(SLA);
        for (long seed = 1; seed <= 5; seed++) {
            List<FunnelEvent> shuffled = new ArrayList<>(handedOffAndAccepted());
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(replay(shuffled).summarize(SLA)).isEqualTo(inOrder);
        }
    }

    @Test
    void aRepeatedEventIdCountsOnce() {
        List<FunnelEvent> twice = new ArrayList<>(handedOffAndAccepted());
        twice.add(acme.handedOff("e4", "L1", hours(50)));
        twice.add(acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS, hours(0)));

        LeadHistory history = replay(twice);

        assertThat(history.events()).hasSize(5);
        assertThat(history.summarize(SLA)).isEqualTo(replay(handedOffAndAccepted()).summarize(SLA));
    }

    @Test
    void aRejectedLeadIsRecycledToTheStepItWasHandedOffFrom() {
        LeadSummary lead = replay(List.of(
                acme.entered("e1", "L1", FunnelStep.BRAND_PREFERENCE, hours(0)),
                acme.handedOff("e2", "L1", hours(1)),
                acme.rejected("e3", "L1", "no budget", hours(3)),
                acme.recycled("e4", "L1", hours(5)))).summarize(SLA);

        assertThat(lead.step()).isEqualTo(FunnelStep.BRAND_PREFERENCE);
        assertThat(lead.owner()).isEqualTo(Team.MARKETING);
        assertThat(lead.status()).isEqualTo(LeadStatus.OPEN);
        assertThat(lead.handoffs()).singleElement().satisfies(h -> {
            assertThat(h.outcome()).isEqualTo(Handoff.Outcome.REJECTED);
            assertThat(h.reason()).isEqualTo("no budget");
            assertThat(h.recycled()).isTrue();
        });
    }

    @Test
    void aHandoffMayNameTheSalesStepItIsFor() {
        LeadSummary lead = replay(List.of(
                acme.entered("e1", "L1", FunnelStep.BRAND_PREFERENCE, hours(0)),
                acme.base("e2", "L1", org.entente.events.FunnelEventType.HANDED_OFF, FunnelStep.PURCHASE,
                        Team.MARKETING, hours(1)).build(),
                acme.accepted("e3", "L1", hours(2)))).summarize(SLA);

        assertThat(lead.step()).isEqualTo(FunnelStep.PURCHASE);
        assertThat(lead.handoffs().get(0).fromStep()).isEqualTo(FunnelStep.BRAND_PREFERENCE);
    }

    @Test
    void anAnswerAfterTheDeadlineIsABreachAndOneAtTheDeadlineIsNot() {
        LeadSummary late = replay(List.of(acme.handedOff("e1", "L1", hours(0)),
                acme.accepted("e2", "L1", hours(25)))).summarize(SLA);
        LeadSummary justInTime = replay(List.of(acme.handedOff("e1", "L1", hours(0)),
                acme.accepted("e2", "L1", hours(24)))).summarize(SLA);

        assertThat(late.handoffs().get(0).breached()).isTrue();
        assertThat(justInTime.handoffs().get(0).breached()).isFalse();
    }

    @Test
    void anAnnouncedBreachStaysOnTheHandoff() {
        LeadHistory history = replay(List.of(acme.handedOff("e1", "L1", hours(0)))).withBreach(hours(0));

        assertThat(history.summarize(SLA).pendingHandoff()).satisfies(h -> {
            assertThat(h.breached()).isTrue();
            assertThat(h.pending()).isTrue();
        });
    }

    @Test
    void salesWorkingAHandedOffLeadHasAcceptedIt() {
        LeadSummary lead = replay(List.of(
                acme.entered("e1", "L1", FunnelStep.BRAND_PREFERENCE, hours(0)),
                acme.handedOff("e2", "L1", hours(1)),
                acme.entered("e3", "L1", FunnelStep.PURCHASE, hours(4)))).summarize(SLA);

        assertThat(lead.pendingHandoff()).isNull();
        assertThat(lead.handoffs()).singleElement().satisfies(h -> {
            assertThat(h.outcome()).isEqualTo(Handoff.Outcome.ACCEPTED);
            assertThat(h.answeredBy()).isEqualTo("sam@sales");
            assertThat(h.timeToAnswer()).isEqualTo(Duration.ofHours(3));
        });
        assertThat(lead.step()).isEqualTo(FunnelStep.PURCHASE);
        assertThat(lead.status()).as("accepted in status too, not still handed off").isEqualTo(LeadStatus.OPEN);
        assertThat(lead.owner()).isEqualTo(Team.SALES);

        LeadSummary lost = replay(List.of(acme.handedOff("e1", "L2", hours(0)), acme.lost("e2", "L2", hours(2))))
                .summarize(SLA);
        assertThat(lost.pendingHandoff()).isNull();
        assertThat(lost.status()).isEqualTo(LeadStatus.LOST);
    }

    @Test
    void aWinMakesTheLeadACustomerAtPurchase() {
        LeadSummary lead = replay(List.of(
                acme.entered("e1", "L1", FunnelStep.PURCHASE_INTENTION, hours(0)),
                acme.won("e2", "L1", "ACC-9", 120_000_00L, 30_000_00L, hours(5)))).summarize(SLA);

        assertThat(lead.step()).isEqualTo(FunnelStep.PURCHASE);
        assertThat(lead.status()).isEqualTo(LeadStatus.WON);
        assertThat(lead.wonAmountCents()).isEqualTo(120_000_00L);
        assertThat(lead.wonGrossProfitCents()).isEqualTo(30_000_00L);
        assertThat(lead.customerId()).isEqualTo("ACC-9");
    }

    private static long hoursMs(long h) {
        return Duration.ofHours(h).toMillis();
    }

    @Test
    void collateralReviewsAreKeptOnTheLeadWithoutMovingIt() {
        LeadHistory history = replay(List.of(
                acme.entered("e1", "L1", FunnelStep.BRAND_PREFERENCE, hours(0)),
                acme.reviewRequested("c1", "L1", "deck", hours(1)),
                acme.reviewRequested("c2", "L1", "deck", hours(5)),
                acme.reviewRequested("c3", "L1", "flyer", hours(2)),
                acme.reviewApproved("c4", "L1", "deck", hours(30))));

        LeadSummary summary = history.summarize(SLA);
        assertThat(summary.step()).isEqualTo(FunnelStep.BRAND_PREFERENCE);
        assertThat(summary.collateralReviews()).extracting(CollateralRequest::collateralId,
                CollateralRequest::requestEventId, CollateralRequest::requestedAt, CollateralRequest::approvedAt)
                .containsExactly(tuple("deck", "c1", hours(1), hours(30)), tuple("flyer", "c3", hours(2), null));
        assertThat(summary.pendingCollateralReviews()).extracting(CollateralRequest::collateralId)
                .containsExactly("flyer");
        assertThat(summary.collateralReviews().get(0).approvedInTime(Duration.ofHours(48))).isTrue();
        assertThat(summary.collateralReviews().get(0).approvedInTime(Duration.ofHours(24))).isFalse();
        assertThat(history.withReviewBreach("flyer").summarize(SLA).collateralReviews().get(1).breached()).isTrue();
    }

    @Test
    void anOpportunitysOpenAmountIsItsLatestAmountUntilItIsWonOrLost() {
        LeadHistory open = replay(List.of(
                acme.opportunity("e1", "L1", "ACC-1", 500_00, hours(0)),
                acme.opportunity("e2", "L1", "ACC-1", 700_00, hours(1))));
        assertThat(open.summarize(SLA).openAmountCents()).isEqualTo(700_00);
        assertThat(open.with(lead(acme.won("e3", "L1", "ACC-1", 700_00, 0, hours(2)))).summarize(SLA)
                .openAmountCents()).isNull();
        assertThat(open.with(lead(acme.lost("e4", "L1", hours(2)))).summarize(SLA).openAmountCents()).isNull();
    }
}
