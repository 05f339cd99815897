package org.entente.funnel.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entente.funnel.FunnelEvents.T0;
import static org.entente.funnel.FunnelEvents.lead;

import java.time.Instant;
import java.util.List;
import org.entente.events.CollateralReview;
import org.entente.events.CollateralReviewStatus;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;
import org.entente.events.Team;
import org.entente.funnel.FunnelEvents;
import org.junit.jupiter.api.Test;

class FunnelEventRulesTest {

    private final FunnelEvents acme = FunnelEvents.of("acme");

    private static List<String> codes(LeadEvent event) {
        return FunnelEventRules.check(event).stream().map(Violation::code).toList();
    }

    @Test
    void aLeadEnteringAStepItsTeamOwnsIsValid() {
        assertThat(FunnelEventRules.check(lead(acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS, T0)))).isEmpty();
        assertThat(FunnelEventRules.check(lead(acme.entered("e2", "L1", FunnelStep.LOYALTY, T0)))).isEmpty();
    }

    @Test
    void anEventCannotHaveHappenedBefore1970() {
        Instant lastMomentOf1969 = Instant.parse("1969-12-31T23:59:59.999Z");
        assertThat(FunnelEventRules.check(lead(acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS,
                lastMomentOf1969)))).singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("occurredAt");
                    assertThat(v.code()).isEqualTo("TIME_BEFORE_1970");
                });
        assertThat(FunnelEventRules.check(lead(acme.entered("e2", "L1", FunnelStep.BRAND_AWARENESS,
                Instant.EPOCH)))).isEmpty();
    }

    @Test
    void eachStepBelongsToOneTeam() {
        var salesEnteringAMarketingStep = lead(acme.base("e1", "L1", FunnelEventType.STAGE_ENTERED,
                FunnelStep.BRAND_PREFERENCE, Team.SALES, T0).build());
        assertThat(FunnelEventRules.check(salesEnteringAMarketingStep))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.code()).isEqualTo("STEP_NOT_OWNED");
                    assertThat(v.message()).isEqualTo("BRAND_PREFERENCE belongs to Marketing, not Sales");
                });
    }

    @Test
    void marketingContributesToASalesStepAndSalesGivesInputUpstream() {
        assertThat(codes(lead(acme.contributed("e1", "L1", Team.MARKETING, FunnelStep.PURCHASE,
                MarketingContribution.CASE_STUDY, T0)))).isEmpty();
        assertThat(codes(lead(acme.contributed("e2", "L1", Team.SALES, FunnelStep.BRAND_CONSIDERATION,
                MarketingContribution.UPSTREAM_INPUT, T0)))).isEmpty();
    }

    @Test
    void aContributionIsMadeOnTheOtherTeamsStepByItsOwnKind() {
        assertThat(codes(lead(acme.contributed("e1", "L1", Team.MARKETING, FunnelStep.BRAND_AWARENESS,
                MarketingContribution.CASE_STUDY, T0)))).containsExactly("CONTRIBUTION_ON_OWN_STEP");
        assertThat(codes(lead(acme.contributed("e2", "L1", Team.SALES, FunnelStep.BRAND_AWARENESS,
                MarketingContribution.PRICING_ADVICE, T0)))).containsExactly("CONTRIBUTION_NOT_ALLOWED");
        assertThat(codes(lead(acme.contributed("e3", "L1", Team.MARKETING, FunnelStep.PURCHASE,
                MarketingContribution.UPSTREAM_INPUT, T0)))).containsExactly("CONTRIBUTION_NOT_ALLOWED");
        assertThat(codes(lead(acme.base("e4", "L1", FunnelEventType.WON, null, Team.SALES, T0).setAmountCents(5L)
                .setContribution(MarketingContribution.SITE_VISIT).build()))).containsExactly("CONTRIBUTION_TYPE");
    }

    @Test
    void marketingOnASalesStepWithoutAContributionIsStillRefused() {
        assertThat(codes(lead(acme.base("e1", "L1", FunnelEventType.STAGE_ENTERED, FunnelStep.PURCHASE,
                Team.MARKETING, T0).build()))).containsExactly("STEP_NOT_OWNED");
    }

    @Test
    void enteringAStepNamesTheStep() {
        assertThat(codes(lead(acme.base("e1", "L1", FunnelEventType.STAGE_ENTERED, null, Team.SALES, T0).build())))
                .containsExactly("STEP_REQUIRED");
    }

    @Test
    void aRejectionNeedsAReason() {
        assertThat(codes(lead(acme.rejected("e1", "L1", "  ", T0)))).containsExactly("REASON_REQUIRED");
        assertThat(codes(lead(acme.rejected("e1", "L1", null, T0)))).containsExactly("REASON_REQUIRED");
        assertThat(codes(lead(acme.rejected("e1", "L1", "no budget this year", T0)))).isEmpty();
    }

    @Test
    void onlyMarketingHandsOffAndOnlySalesAnswers() {
        assertThat(codes(lead(acme.base("e1", "L1", FunnelEventType.HANDED_OFF, null, Team.SALES, T0).build())))
                .containsExactly("WRONG_TEAM");
        assertThat(codes(lead(acme.base("e1", "L1", FunnelEventType.ACCEPTED, null, Team.MARKETING, T0).build())))
                .containsExactly("WRONG_TEAM");
    }

    @Test
    void aWinCarriesItsAmountAndAmountsAreNeverNegative() {
        assertThat(codes(lead(acme.base("e1", "L1", FunnelEventType.WON, null, Team.SALES, T0).build())))
                .containsExactly("AMOUNT_REQUIRED");
        assertThat(codes(lead(acme.won("e1", "L1", null, -5, 0, T0)))).containsExactly("NEGATIVE_AMOUNT");
    }

    @Test
    void idsAndActorAreRequired() {
        var event = new LeadEvent(" ", "", null, null, FunnelEventType.LOST, null, Team.SALES, null, null, null,
                null, T0, null);
        assertThat(FunnelEventRules.check(event)).extracting(Violation::field)
                .containsExactly("eventId", "organization", "leadId", "actor");
    }

    @Test
    void marketingRequestsACollateralReviewAndSalesApprovesItWithoutAStep() {
        assertThat(codes(lead(acme.reviewRequested("c1", "L1", "deck", T0)))).isEmpty();
        assertThat(codes(lead(acme.reviewApproved("c2", "L1", "deck", T0)))).isEmpty();
        assertThat(codes(lead(acme.review("c3", "L1", "deck", CollateralReviewStatus.REQUESTED, Team.SALES, T0))))
                .containsExactly("WRONG_TEAM");
        assertThat(codes(lead(acme.review("c4", "L1", " ", CollateralReviewStatus.APPROVED, Team.SALES, T0))))
                .containsExactly("MISSING_FIELD");
        assertThat(codes(lead(acme.base("c5", "L1", FunnelEventType.HANDED_OFF, null, Team.MARKETING, T0)
                .setCollateralReview(new CollateralReview("deck", CollateralReviewStatus.REQUESTED)).build())))
                .containsExactly("COLLATERAL_REVIEW_SHAPE");
        assertThat(codes(lead(acme.review("c6", "L1", "deck", CollateralReviewStatus.OTHER, Team.SALES, T0))))
                .as("a status a newer writer added is kept, not refused").isEmpty();
    }
}
