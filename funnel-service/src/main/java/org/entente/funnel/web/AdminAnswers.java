package org.entente.funnel.web;

import java.util.Map;
import org.entente.support.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * What the admin API and pages (targets, directory) share: the checks on an organization or role named in a path,
 * the refusal naming the fields at fault, and the 404 of something not set.
 */
final class AdminAnswers {

    /** Organization ids and roles as keys of the admin topics: no slash (it separates the key's parts). */
    private static final int MAX_LENGTH = 100;

    private AdminAnswers() {
    }

    static void checkOrganization(Map<String, String> fields, String organization) {
        check(fields, "organization", organization);
        if ("*".equals(organization == null ? null : organization.trim())) {
            fields.put("organization", "'*' is not an organization");
        }
    }

    /** A required text field that becomes part of a topic key: not blank, no slash, not too long. */
    static void check(Map<String, String> fields, String field, String value) {
        if (value == null || value.isBlank()) {
            fields.put(field, field + " is required");
        } else if (value.contains("/")) {
            fields.put(field, field + " must not contain '/'");
        } else if (value.trim().length() > MAX_LENGTH) {
            fields.put(field, field + " must be at most " + MAX_LENGTH + " characters");
        }
    }

    /** A required text field: not blank, not too long. */
    static void text(Map<String, String> fields, String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            fields.put(field, field + " is required");
        } else if (value.trim().length() > maxLength) {
            fields.put(field, field + " must be at most " + maxLength + " characters");
        }
    }

    static void rejectIfAny(String what, Map<String, String> fields) {
        if (!fields.isEmpty()) {
            throw new RequestRejectedException(what + ": " + String.join("; ", fields.values()), fields);
        }
    }

    static ResponseEntity<ProblemDetail> notFound(String detail) {
        return Problems.answer(HttpStatus.NOT_FOUND, detail);
    }
}
