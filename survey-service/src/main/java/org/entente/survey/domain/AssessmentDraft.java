package org.entente.survey.domain;

import java.time.Instant;
import java.util.Map;

/**
 * What an organizer asks for when opening an assessment, before it is checked by {@link AssessmentRules}.
 * {@code named} asks for a named (not anonymous) assessment; {@code null} means no.
 */
public record AssessmentDraft(String assessmentId, String organization, String title, Integer anonymityThreshold,
        Instant closesAt, Map<String, Boolean> context, String instrumentVersion, Boolean named) {

    /** A draft for an anonymous assessment. */
    public AssessmentDraft(String assessmentId, String organization, String title, Integer anonymityThreshold,
            Instant closesAt, Map<String, Boolean> context, String instrumentVersion) {
        this(assessmentId, organization, title, anonymityThreshold, closesAt, context, instrumentVersion, null);
    }

    public boolean isNamed() {
        return Boolean.TRUE.equals(named);
    }
}
