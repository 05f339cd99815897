package org.entente.scoring.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One respondent's answers as submitted. Nothing here is validated yet: {@link AssessmentLedger#submit} decides
 * whether a submission counts.
 */
public record Submission(String responseId, String respondentId, BusinessFunction function, Role role,
        List<Integer> answers, Instant submittedAt) {

    public Submission {
        Objects.requireNonNull(responseId, "responseId");
        Objects.requireNonNull(respondentId, "respondentId");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(submittedAt, "submittedAt");
        answers = List.copyOf(answers);
    }

    /**
     * Whether {@code other} gives the same answers for the same function (the role aside: an anonymous assessment
     * never shows it, and a named one protects nobody).
     */
    public boolean sameAnswers(Submission other) {
        return function == other.function && answers.equals(other.answers);
    }

    /** The respondent's total: the sum of the answers (20 to 100 with twenty statements). */
    public int total() {
        int total = 0;
        for (int answer : answers) {
            total += answer;
        }
        return total;
    }
}
