package org.entente.survey.web;

import java.time.Instant;
import java.util.Map;
import org.entente.survey.domain.AssessmentDraft;

/** The body of {@code POST /api/assessments}; only organization and title are required. */
public record OpenAssessmentRequest(String assessmentId, String organization, String title,
        Integer anonymityThreshold, Instant closesAt, Map<String, Boolean> context, String instrumentVersion) {

    AssessmentDraft toDraft() {
        return new AssessmentDraft(assessmentId, organization, title, anonymityThreshold, closesAt, context,
                instrumentVersion);
    }
}
