package org.entente.funnel.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import org.entente.events.FunnelMetrics;

/**
 * The revenue target Sales and Marketing share for one organization and one period (a quarter or a month), and what
 * selling cost in that period where an admin supplied it; amounts in cents, as the funnel's events carry them. Either
 * may be absent, not both. It measures a period's metrics against itself:
 * <ul>
 * <li>target attainment: the amounts won in the period ÷ the target (above 1 when the target was beaten);</li>
 * <li>sales expense to total sales: the expense ÷ the amounts won in the period; absent when either is missing or
 * nothing was won.</li>
 * </ul>
 * It knows no currency (neither do the events), does not add up months into a quarter, and has no target for a
 * custom range of days.
 */
public record PeriodTarget(String organization, Period period, Long targetCents, Long salesExpenseCents) {

    public PeriodTarget {
        if (period.kind() == Period.Kind.DAYS) {
            throw new IllegalArgumentException("a target is for a quarter or a month");
        }
    }

    /** What is wrong with a target an admin asks for, by field; empty when nothing is. */
    public static Map<String, String> problems(Long targetCents, Long salesExpenseCents) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (targetCents == null && salesExpenseCents == null) {
            fields.put("targetCents", "give a target, a sales expense, or both");
            fields.put("salesExpenseCents", "give a target, a sales expense, or both");
        }
        if (targetCents != null && targetCents <= 0) {
            fields.put("targetCents", "a target must be more than 0 cents");
        }
        if (salesExpenseCents != null && salesExpenseCents < 0) {
            fields.put("salesExpenseCents", "a sales expense must not be negative");
        }
        return fields;
    }

    /** {@code metrics} of this target's period with the target, the expense and the two ratios set. */
    public FunnelMetrics measure(FunnelMetrics metrics) {
        return measure(metrics, this);
    }

    /** {@code metrics} with the target's figures set, or cleared when there is no target (null). */
    public static FunnelMetrics measure(FunnelMetrics metrics, PeriodTarget target) {
        long won = metrics.getWonAmountCents();
        Long goal = target == null ? null : target.targetCents();
        Long expense = target == null ? null : target.salesExpenseCents();
        return FunnelMetrics.newBuilder(metrics)
                .setRevenueTargetCents(goal)
                .setTargetAttainment(goal == null ? null : (double) won / goal)
                .setSalesExpenseCents(expense)
                .setSalesExpenseToSales(expense == null || won == 0 ? null : (double) expense / won)
                .build();
    }
}
