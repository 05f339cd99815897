package org.entente.survey.web;

import java.time.Instant;
import java.util.Map;
import org.entente.survey.domain.AssessmentDraft;

/**
 * The body of {@code POST /api/assessments}; only organization and title are required. {@code named: true} opens a
 * named, non-anonymous assessment (the only kind whose threshold may be below 3).
 */
public record OpenAssessmentRequest(String assessmentId, String organization, String title,
        Integer anonymityThreshold, Instant closesAt, Map<String, Boolean> context, String instrumentVersion,
        Boolean named) {

    AssessmentDraft toDraft() {
        return new AssessmentDraft(assessmentId, organization, title, anonymityThreshold, closesAt, context,
                instrumentVersion, named);
    }
}
