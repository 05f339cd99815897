package org.entente.funnel.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entente.funnel.FunnelEvents.T0;
import static org.entente.funnel.FunnelEvents.lead;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelStep;
import org.entente.events.Team;
import org.entente.funnel.FunnelEvents;
import org.junit.jupiter.api.Test;

class FunnelSettingsTest {

    private static final EngagementRule BIG_DEAL = new EngagementRule("big-opportunity", 200_000_000L, Set.of(),
            Set.of(), "brand-manager", "Opportunity above $2,000,000");
    private final FunnelEvents acme = FunnelEvents.of("acme");

    private final FunnelSettings settings = new FunnelSettings(Duration.ofHours(24),
            Map.of("globex", Duration.ofHours(4)), List.of(BIG_DEAL),
            new Directory(Map.of("brand-manager", new Contact("brand-manager", "Bo", "#brand")),
                    Map.of("globex", Map.of("brand-manager", new Contact("brand-manager", "Gia", "gia@globex")))));

    @Test
    void theHandoffSlaIsPerOrganizationWithADefault() {
        assertThat(settings.slaFor("acme")).isEqualTo(Duration.ofHours(24));
        assertThat(settings.slaFor("globex")).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void anOpportunityAboveTwoMillionDollarsInvolvesTheBrandManagerOnce() {
        var big = lead(acme.base("e1", "L1", FunnelEventType.STAGE_ENTERED, FunnelStep.PURCHASE_INTENTION,
                Team.SALES, T0).setAmountCents(200_000_001L).build());
        var exactlyTwoMillion = lead(acme.base("e2", "L2", FunnelEventType.STAGE_ENTERED,
                FunnelStep.PURCHASE_INTENTION, Team.SALES, T0).setAmountCents(200_000_000L).build());

        assertThat(settings.triggeredBy(big, LeadStatus.OPEN, Set.of())).containsExactly(BIG_DEAL);
        assertThat(settings.triggeredBy(big, LeadStatus.OPEN, Set.of("big-opportunity"))).isEmpty();
        assertThat(settings.triggeredBy(exactlyTwoMillion, LeadStatus.OPEN, Set.of())).isEmpty();
    }

    @Test
    void theTwoMillionRuleFiresOnOpenOpportunitiesOnly() {
        var bigWin = lead(acme.won("e1", "L1", "ACC-1", 250_000_000L, 90_000_000L, T0));
        var bigLoss = lead(acme.base("e2", "L2", FunnelEventType.LOST, null, Team.SALES, T0)
                .setAmountCents(250_000_000L).build());
        var bigUpdateOfAWonLead = lead(acme.base("e3", "L3", FunnelEventType.STAGE_ENTERED, FunnelStep.LOYALTY,
                Team.SALES, T0).setAmountCents(250_000_000L).build());

        assertThat(settings.triggeredBy(bigWin, LeadStatus.WON, Set.of())).isEmpty();
        assertThat(settings.triggeredBy(bigLoss, LeadStatus.LOST, Set.of())).isEmpty();
        assertThat(settings.triggeredBy(bigUpdateOfAWonLead, LeadStatus.WON, Set.of())).isEmpty();
        assertThat(settings.triggeredBy(bigUpdateOfAWonLead, LeadStatus.OPEN, Set.of())).containsExactly(BIG_DEAL);
    }

    @Test
    void rulesCanBeLimitedToEventTypesAndSteps() {
        var onWinsOnly = new EngagementRule("won", null, Set.of(FunnelEventType.WON), Set.of(), "cfo", "a win");
        assertThat(onWinsOnly.matches(lead(acme.won("e1", "L1", null, 1, 0, T0)), LeadStatus.OPEN)).isTrue();
        assertThat(onWinsOnly.matches(lead(acme.lost("e2", "L1", T0)), LeadStatus.OPEN)).isFalse();
        var atAdvocacy = new EngagementRule("adv", null, Set.of(), Set.of(FunnelStep.ADVOCACY), "pr", "reference");
        assertThat(atAdvocacy.matches(lead(acme.entered("e3", "L1", FunnelStep.ADVOCACY, T0)), LeadStatus.OPEN)).isTrue();
        assertThat(atAdvocacy.matches(lead(acme.entered("e4", "L1", FunnelStep.LOYALTY, T0)), LeadStatus.OPEN)).isFalse();
    }

    @Test
    void theDirectoryPrefersTheOrganizationsOwnContact() {
        assertThat(settings.directory().lookup("globex", "brand-manager")).get()
                .extracting(Contact::name).isEqualTo("Gia");
        assertThat(settings.directory().lookup("acme", "brand-manager")).get()
                .extracting(Contact::name).isEqualTo("Bo");
        assertThat(settings.directory().lookup("acme", "cfo")).isEmpty();
    }
}
