package org.entente.rules;

import java.util.List;
import java.util.Optional;

/**
 * When a response's answers count: exactly one answer per statement of the assessment ({@code statementCount}),
 * each a whole number from 1 (strongly disagree) to 5 (strongly agree). survey-service refuses other answers at
 * intake, scoring-service dead-letters them (the codes are the dead-letter reason codes) and survey's own counts
 * skip them, all by these rules.
 *
 * <p>Whether the assessment is open, and the checks on ids, function and role, stay with the service that applies
 * them: they depend on what that service knows at the time.
 */
public final class ResponseValidity {

    public static final int LOWEST_ANSWER = 1;
    public static final int HIGHEST_ANSWER = 5;

    public static final String WRONG_ANSWER_COUNT = "WRONG_ANSWER_COUNT";
    public static final String ANSWER_OUT_OF_RANGE = "ANSWER_OUT_OF_RANGE";

    /** What is wrong with a response's answers: a reason code and the reason in words. */
    public record Problem(String code, String message) {
    }

    private ResponseValidity() {
    }

    /** Whether one answer is on the scale. */
    public static boolean onScale(long answer) {
        return answer >= LOWEST_ANSWER && answer <= HIGHEST_ANSWER;
    }

    /** The problem with the number of answers, if there is one. */
    public static Optional<Problem> countProblem(int answers, int statementCount) {
        return answers == statementCount ? Optional.empty() : Optional.of(new Problem(WRONG_ANSWER_COUNT,
                "must have " + statementCount + " answers, one per statement, but has " + answers));
    }

    /** The first problem with these answers (their number first, then each answer in order), if there is one. */
    public static Optional<Problem> firstProblem(List<Integer> answers, int statementCount) {
        Optional<Problem> count = countProblem(answers.size(), statementCount);
        if (count.isPresent()) {
            return count;
        }
        for (int i = 0; i < answers.size(); i++) {
            Integer answer = answers.get(i);
            if (answer == null || !onScale(answer)) {
                return Optional.of(new Problem(ANSWER_OUT_OF_RANGE, "answer to statement " + (i + 1) + " is "
                        + answer + "; answers run from " + LOWEST_ANSWER + " to " + HIGHEST_ANSWER));
            }
        }
        return Optional.empty();
    }

    /** Whether these answers count for an assessment of {@code statementCount} statements. */
    public static boolean isValid(List<Integer> answers, int statementCount) {
        return answers != null && firstProblem(answers, statementCount).isEmpty();
    }
}
