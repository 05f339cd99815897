package org.entente.funnel.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entente.funnel.FunnelEvents.hours;
import static org.entente.funnel.FunnelEvents.lead;

import java.time.Duration;
import java.util.List;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelStep;
import org.entente.funnel.FunnelEvents;
import org.junit.jupiter.api.Test;

class TopAccountsTest {

    private final FunnelEvents acme = FunnelEvents.of("acme");

    private static LeadSummary summary(FunnelEvent... events) {
        LeadHistory history = LeadHistory.empty("acme", events[0].getLeadId());
        for (FunnelEvent e : events) {
            history = history.with(lead(e));
        }
        return history.summarize(Duration.ofHours(24));
    }

    @Test
    void accountsRankByTheSumOfTheirOpenLeadsAndALeadWithoutAnAccountIsItsOwn() {
        List<LeadSummary> leads = List.of(
                summary(acme.opportunity("a1", "L1", "ACC-A", 300, hours(0))),
                summary(acme.opportunity("a2", "L2", "ACC-A", 400, hours(0))),
                summary(acme.opportunity("b1", "L3", "ACC-B", 500, hours(0))),
                summary(acme.base("c1", "L4", org.entente.events.FunnelEventType.STAGE_ENTERED,
                        FunnelStep.PURCHASE_INTENTION, org.entente.events.Team.SALES, hours(0)).setAmountCents(600L)
                        .build()),
                summary(acme.opportunity("d1", "L5", "ACC-D", 5_000, hours(0)),
                        acme.won("d2", "L5", "ACC-D", 5_000, 0, hours(1))),
                summary(acme.entered("e1", "L6", FunnelStep.BRAND_AWARENESS, hours(0))));

        assertThat(TopAccounts.of(leads, 10)).containsExactly(
                new TopAccounts.Account("ACC-A", 700, "L2"),
                new TopAccounts.Account("L4", 600, "L4"),
                new TopAccounts.Account("ACC-B", 500, "L3"));
        assertThat(TopAccounts.of(leads, 2)).extracting(TopAccounts.Account::accountId).containsExactly("ACC-A", "L4");
    }

    @Test
    void equalAmountsRankByAccountIdAndNameTheFirstLeadWhateverTheOrderTheyCameIn() {
        LeadSummary l9 = summary(acme.opportunity("a1", "L9", "ACC-B", 400, hours(0)));
        LeadSummary l3 = summary(acme.opportunity("a2", "L3", "ACC-B", 400, hours(0)));
        LeadSummary l5 = summary(acme.opportunity("b1", "L5", "ACC-A", 800, hours(0)));

        for (List<LeadSummary> order : List.of(List.of(l9, l3, l5), List.of(l5, l3, l9))) {
            assertThat(TopAccounts.of(order, 10)).containsExactly(
                    new TopAccounts.Account("ACC-A", 800, "L5"),
                    new TopAccounts.Account("ACC-B", 800, "L3"));
        }
    }

    @Test
    void aLeadTakenBackLeavesItsAccountAndOneThatClosesLeavesTheTop() {
        LeadSummary open = summary(acme.opportunity("a1", "L1", "ACC-A", 900, hours(0)));
        LeadSummary other = summary(acme.opportunity("b1", "L2", "ACC-B", 100, hours(0)));
        TopAccounts accounts = new TopAccounts();
        accounts.add(open);
        accounts.add(other);
        assertThat(accounts.top(1)).containsExactly(new TopAccounts.Account("ACC-A", 900, "L1"));

        accounts.remove(open);
        accounts.add(summary(acme.opportunity("a1", "L1", "ACC-A", 900, hours(0)),
                acme.lost("a2", "L1", hours(1))));
        assertThat(accounts.top(10)).containsExactly(new TopAccounts.Account("ACC-B", 100, "L2"));
    }

    @Test
    void anAccountEntersWhenItWasNotAmongTheTopBefore() {
        var a = new TopAccounts.Account("A", 3, "L1");
        var b = new TopAccounts.Account("B", 2, "L2");
        var bMore = new TopAccounts.Account("B", 9, "L3");
        var c = new TopAccounts.Account("C", 1, "L4");

        assertThat(TopAccounts.entered(List.of(a, b), List.of(bMore, a, c))).containsExactly(c);
        assertThat(TopAccounts.entered(List.of(), List.of(a))).containsExactly(a);
    }
}
