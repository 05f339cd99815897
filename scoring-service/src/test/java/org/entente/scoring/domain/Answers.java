package org.entente.scoring.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Builds answer sheets and submissions for the domain tests. */
final class Answers {

    static final Instant AT = Instant.parse("2026-03-02T09:15:00Z");

    private Answers() {
    }

    /** Twenty answers from 1 to 5 adding up to {@code total} (20 to 100), the early statements rated highest. */
    static List<Integer> withTotal(int total) {
        List<Integer> answers = new ArrayList<>(Collections.nCopies(20, 1));
        int rest = total - 20;
        for (int i = 0; i < 20 && rest > 0; i++) {
            int add = Math.min(4, rest);
            answers.set(i, 1 + add);
            rest -= add;
        }
        return answers;
    }

    static List<Integer> all(int rating) {
        return new ArrayList<>(Collections.nCopies(20, rating));
    }

    static Submission sales(String respondent, int total) {
        return submission(respondent, BusinessFunction.SALES, Role.STAFF, withTotal(total), AT);
    }

    static Submission marketing(String respondent, int total) {
        return submission(respondent, BusinessFunction.MARKETING, Role.STAFF, withTotal(total), AT);
    }

    static Submission submission(String respondent, BusinessFunction function, Role role, List<Integer> answers,
            Instant at) {
        return new Submission(respondent + "@" + at + "#" + answers.hashCode(), respondent, function, role, answers,
                at);
    }
}
