package org.entente.funnel.domain;

import java.time.Duration;
import java.time.Instant;
import org.entente.events.FunnelStep;

/**
 * One time Marketing handed a lead to Sales, and what came of it. {@code deadline} is the handoff time plus the
 * organization's SLA; an answer at the deadline itself is in time.
 */
public record Handoff(Instant handedOffAt, String handedOffBy, FunnelStep fromStep, Instant deadline,
        Outcome outcome, Instant answeredAt, String answeredBy, String reason, boolean recycled, boolean breached) {

    /** Where a handoff stands. */
    public enum Outcome {
        PENDING, ACCEPTED, REJECTED
    }

    public boolean pending() {
        return outcome == Outcome.PENDING;
    }

    /** Answered (accepted or rejected) no later than the deadline, by event time. */
    public boolean answeredInTime() {
        return answeredAt != null && !answeredAt.isAfter(deadline);
    }

    /** Whether the SLA is settled either way: answered in time, or breached. */
    public boolean slaSettled() {
        return breached || answeredInTime();
    }

    public Duration timeToAnswer() {
        return answeredAt == null ? null : Duration.between(handedOffAt, answeredAt);
    }

    Handoff answer(Outcome result, Instant at, String by, String why) {
        return new Handoff(handedOffAt, handedOffBy, fromStep, deadline, result, at, by, why, recycled, breached);
    }

    Handoff recycle() {
        return new Handoff(handedOffAt, handedOffBy, fromStep, deadline, outcome, answeredAt, answeredBy, reason,
                true, breached);
    }

    Handoff breach() {
        return new Handoff(handedOffAt, handedOffBy, fromStep, deadline, outcome, answeredAt, answeredBy, reason,
                recycled, true);
    }
}
