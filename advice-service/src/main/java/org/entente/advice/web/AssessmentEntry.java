package org.entente.advice.web;

import java.time.Instant;

/**
 * One line of the list of assessments (the index page, {@code GET /api/assessments}): which assessment, of which
 * organization, opened when, and its stage once it has one (null while it waits for responses).
 */
public record AssessmentEntry(String assessmentId, String title, String organization, Instant opensAt,
        String stage) {
}
