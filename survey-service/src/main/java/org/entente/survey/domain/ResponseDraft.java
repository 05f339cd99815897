package org.entente.survey.domain;

import java.util.List;

/**
 * A response as it arrived, before anything about it is trusted: enums as text and answers as whatever JSON values
 * were sent, so that {@link ResponseRules} can say precisely what is wrong with each field.
 */
public record ResponseDraft(String responseId, String assessmentId, String respondentId, String function, String role,
        List<?> answers, String instrumentVersion) {
}
