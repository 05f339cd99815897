package org.entente.funnel.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * One piece of Marketing's collateral that Sales must review before it is printed, as recorded on a lead: requested
 * by Marketing, approved by Sales. Its deadline is the request time plus the collateral-review SLA, which comes from
 * the settings, not from here. One review per {@code collateralId} and lead: a new version of the collateral takes a
 * new id. Sales cannot send it back for changes yet.
 *
 * @param breached true once the missed deadline was announced
 */
public record CollateralRequest(String collateralId, String requestEventId, Instant requestedAt, String requestedBy,
        Instant approvedAt, String approvedBy, boolean breached) {

    public Instant deadline(Duration sla) {
        return requestedAt.plus(sla);
    }

    public boolean approved() {
        return approvedAt != null;
    }

    /** Approved no later than the deadline, by event time. */
    public boolean approvedInTime(Duration sla) {
        return approvedAt != null && !approvedAt.isAfter(deadline(sla));
    }

    CollateralRequest approve(Instant at, String by) {
        return new CollateralRequest(collateralId, requestEventId, requestedAt, requestedBy, at, by, breached);
    }

    CollateralRequest breach() {
        return new CollateralRequest(collateralId, requestEventId, requestedAt, requestedBy, approvedAt, approvedBy,
                true);
    }
}
