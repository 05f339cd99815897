package org.entente.funnel.domain;

import java.time.Duration;

/**
 * The two rules of engagement that are not about one event's amount: Marketing invited to the reviews of the top
 * accounts by open amount ({@code topAccounts} of them, the contact in {@code topAccountsRole}), and collateral not
 * printed before Sales reviewed it (a review requested by Marketing is due within {@code collateralReviewSla}; the
 * request and a missed deadline go to {@code collateralReviewRole}). Their rule ids are fixed, so alerts can be
 * routed and read by id.
 */
public record EngagementPolicy(int topAccounts, String topAccountsRole, Duration collateralReviewSla,
        String collateralReviewRole) {

    public static final String TOP_ACCOUNTS_RULE = "top-accounts";
    public static final String COLLATERAL_REVIEW_RULE = "collateral-review";
    public static final String COLLATERAL_REVIEW_OVERDUE_RULE = "collateral-review-overdue";

    public static EngagementPolicy defaults() {
        return new EngagementPolicy(10, "key-account-marketing", Duration.ofHours(48), "collateral-reviewer");
    }
}
