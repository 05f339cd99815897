package org.entente.scoring.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What scoring needs to know about an opened assessment: how many statements each response must rate, how many
 * respondents each function needs before any score is shown, and when it stops taking responses (if it says).
 */
public record AssessmentTerms(String assessmentId, int statementCount, int anonymityThreshold, Instant closesAt) {

    public AssessmentTerms {
        Objects.requireNonNull(assessmentId, "assessmentId");
        if (statementCount < 1) {
            throw new IllegalArgumentException("statementCount must be at least 1, was " + statementCount);
        }
        if (anonymityThreshold < 1) {
            throw new IllegalArgumentException("anonymityThreshold must be at least 1, was " + anonymityThreshold);
        }
    }
}
