package org.entente.funnel.stream;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.entente.events.RevenueTarget;
import org.entente.funnel.domain.Period;
import org.entente.funnel.domain.PeriodTarget;

/**
 * The revenue targets (and sales expenses) admins set, per organization and period, kept on
 * {@code entente.funnel.targets.v1} and read whole by every instance ({@link CompactedTable}), so the instance that
 * holds an organization's leads measures its periods against them without asking another one. Keyed
 * {@code <organization>/<period>}.
 */
public final class RevenueTargets {

    private final CompactedTable<RevenueTarget> table;

    public RevenueTargets(CompactedTable<RevenueTarget> table) {
        this.table = table;
    }

    /** The target of exactly this period (a quarter's target is not its months' added up), if one is set. */
    public Optional<PeriodTarget> of(String organization, Period period) {
        return Optional.ofNullable(table.get(key(organization, period.label()))).map(RevenueTargets::toDomain);
    }

    /** Every target of the organization, latest period first. */
    public List<PeriodTarget> of(String organization) {
        return table.values().values().stream().filter(t -> t.getOrganization().equals(organization))
                .map(RevenueTargets::toDomain)
                .sorted(Comparator.comparing((PeriodTarget t) -> t.period().from()).reversed()
                        .thenComparing(t -> t.period().kind()))
                .toList();
    }

    /** Sets (replaces) the target and returns once this instance has it. */
    public void set(PeriodTarget target) {
        table.put(key(target.organization(), target.period().label()), RevenueTarget.newBuilder()
                .setOrganization(target.organization())
                .setPeriod(target.period().label())
                .setTargetCents(target.targetCents())
                .setSalesExpenseCents(target.salesExpenseCents())
                .setUpdatedAt(Instant.now())
                .build());
    }

    /** Removes the target; true when there was one. */
    public boolean remove(String organization, Period period) {
        String key = key(organization, period.label());
        if (table.get(key) == null) {
            return false;
        }
        table.remove(key);
        return true;
    }

    /** The topic's key of an organization's period. */
    static String key(String organization, String period) {
        return organization + "/" + period;
    }

    private static PeriodTarget toDomain(RevenueTarget t) {
        return new PeriodTarget(t.getOrganization(), Period.parse(t.getPeriod()), t.getTargetCents(),
                t.getSalesExpenseCents());
    }
}
