package org.entente.survey.web;

import java.util.List;
import org.entente.survey.domain.ResponseDraft;

/**
 * The body of {@code POST /api/responses}. Enums arrive as text and answers as any JSON values so that each faulty
 * field gets its own message instead of one parse error.
 */
public record SubmitResponseRequest(String responseId, String assessmentId, String respondentId, String function,
        String role, List<Object> answers, String instrumentVersion) {

    ResponseDraft toDraft() {
        return new ResponseDraft(responseId, assessmentId, respondentId, function, role, answers, instrumentVersion);
    }
}
