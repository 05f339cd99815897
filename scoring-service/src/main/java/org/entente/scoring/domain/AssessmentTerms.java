package org.entente.scoring.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What scoring needs to know about an opened assessment: how many statements each response must rate, how many
 * respondents each function needs before any score is shown (and by how many a function must change before it is
 * shown again), whether it is named, and when it stops taking responses (if it says).
 *
 * <p>An anonymous assessment's threshold is at least {@link #ANONYMOUS_MINIMUM}, whatever its opening asked: an
 * opening (or a ledger stored before the floor) asking for less is held to 3. Only a named assessment, whose
 * respondents were told that their answers are not anonymous, may go lower.
 */
public record AssessmentTerms(String assessmentId, int statementCount, int anonymityThreshold, boolean named,
        Instant closesAt) {

    /** The smallest threshold an anonymous assessment is held to. */
    public static final int ANONYMOUS_MINIMUM = 3;

    public AssessmentTerms {
        Objects.requireNonNull(assessmentId, "assessmentId");
        if (statementCount < 1) {
            throw new IllegalArgumentException("statementCount must be at least 1, was " + statementCount);
        }
        if (anonymityThreshold < 1) {
            throw new IllegalArgumentException("anonymityThreshold must be at least 1, was " + anonymityThreshold);
        }
        if (!named) {
            anonymityThreshold = Math.max(ANONYMOUS_MINIMUM, anonymityThreshold);
        }
    }

    /** The terms of an anonymous assessment. */
    public AssessmentTerms(String assessmentId, int statementCount, int anonymityThreshold, Instant closesAt) {
        this(assessmentId, statementCount, anonymityThreshold, false, closesAt);
    }
}
