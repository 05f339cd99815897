package org.entente.funnel.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.entente.funnel.domain.LeadSummary;
import org.entente.funnel.domain.TopAccounts;

/**
 * What the board shows of the rules of engagement that are about an organization, not one event: its top accounts
 * by open opportunity amount (Marketing takes part in their reviews) and the collateral waiting for Sales' review
 * with its deadline. Rendered with the page; the live activity shows the alerts as they come.
 */
public final class EngagementViews {

    private EngagementViews() {
    }

    /** One of the top accounts, with its place (1 = the largest open amount). */
    public record TopAccountView(int rank, String accountId, long openAmountCents, String leadId) {

        static List<TopAccountView> of(List<TopAccounts.Account> accounts) {
            return java.util.stream.IntStream.range(0, accounts.size())
                    .mapToObj(i -> new TopAccountView(i + 1, accounts.get(i).accountId(),
                            accounts.get(i).openAmountCents(), accounts.get(i).leadId()))
                    .toList();
        }

        public String openAmount() {
            return String.format(java.util.Locale.ROOT, "$%,d", openAmountCents / 100);
        }
    }

    /** Collateral waiting for Sales' review; {@code overdue} once its deadline passed and that was announced. */
    public record ReviewView(String leadId, String collateralId, String requestedBy, Instant requestedAt,
            Instant deadline, boolean overdue) {

        private static final java.time.format.DateTimeFormatter DUE = java.time.format.DateTimeFormatter
                .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

        /** The deadline to the minute, in UTC. */
        public String due() {
            return DUE.format(deadline);
        }

        static List<ReviewView> of(List<LeadSummary> leads, Duration sla) {
            return leads.stream().flatMap(lead -> lead.pendingCollateralReviews().stream()
                            .map(r -> new ReviewView(lead.leadId(), r.collateralId(), r.requestedBy(), r.requestedAt(),
                                    r.deadline(sla), r.breached())))
                    .sorted(Comparator.comparing(ReviewView::deadline))
                    .toList();
        }
    }
}
