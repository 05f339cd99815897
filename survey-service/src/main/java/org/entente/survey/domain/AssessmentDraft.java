package org.entente.survey.domain;

import java.time.Instant;
import java.util.Map;

/** What an organizer asks for when opening an assessment, before it is checked by {@link AssessmentRules}. */
public record AssessmentDraft(String assessmentId, String organization, String title, Integer anonymityThreshold,
        Instant closesAt, Map<String, Boolean> context, String instrumentVersion) {
}
