package org.entente.scoring.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a response may wait for its assessment's opening, and how many may wait at once per task: after a
 * repartition, a response can reach scoring before an opening that was published first, so it is parked rather
 * than rejected; once the grace period has passed (or the parking lot is full) it is an {@code UNKNOWN_ASSESSMENT}
 * dead letter.
 */
public record IntakeSettings(Duration unknownAssessmentGrace, int parkingCapacity) {

    /** 30 seconds, up to 10,000 responses per task. */
    public static final IntakeSettings DEFAULTS = new IntakeSettings(Duration.ofSeconds(30), 10_000);

    public IntakeSettings {
        Objects.requireNonNull(unknownAssessmentGrace, "unknownAssessmentGrace");
        if (unknownAssessmentGrace.isNegative() || parkingCapacity < 0) {
            throw new IllegalArgumentException("the grace period and the parking capacity cannot be negative");
        }
    }
}
