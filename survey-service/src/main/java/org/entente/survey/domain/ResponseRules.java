package org.entente.survey.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.rules.ResponseValidity;

/**
 * Decides whether a response may be accepted, with a message per faulty field: the assessment exists and is open,
 * the respondent is tagged with a known function and role, the respondent id is a pseudonym (nothing that looks
 * like an email address), and there is one whole-number answer from 1 to 5 per statement of the assessment's
 * instrument.
 *
 * <p>The answers' rules are everyone's ({@link ResponseValidity}, which the scoring service applies too); checking
 * them at intake means a bad response is refused with a reason instead of disappearing into a dead-letter topic. What
 * this class adds is the intake's own: JSON values that are not whole numbers, and a message per answer at fault.
 */
public final class ResponseRules {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private ResponseRules() {
    }

    /** Field name to problem, in the order of the request's fields; empty when the response is acceptable. */
    public static Map<String, String> problems(ResponseDraft draft, Optional<Assessment> assessment, Instant now) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (draft.responseId() != null && !ID.matcher(draft.responseId()).matches()) {
            problems.put("responseId", "must be 1 to 128 letters, digits or . _ : - (or left out to get one)");
        }
        if (isBlank(draft.assessmentId())) {
            problems.put("assessmentId", "is required");
        } else if (assessment.isEmpty()) {
            problems.put("assessmentId", "no assessment has the id '" + draft.assessmentId() + "'");
        } else if (!assessment.get().isOpenAt(now)) {
            Instant closed = assessment.get().closedAt() != null ? assessment.get().closedAt()
                    : assessment.get().closesAt();
            problems.put("assessmentId", "the assessment closed at " + closed + " and takes no more responses");
        }
        if (isBlank(draft.respondentId())) {
            problems.put("respondentId", "is required (a pseudonymous id, never a name or email address)");
        } else if (draft.respondentId().length() > 128) {
            problems.put("respondentId", "must be at most 128 characters");
        } else if (draft.respondentId().contains("@")) {
            problems.put("respondentId", "looks like an email address; it must be a pseudonymous id that does not "
                    + "name the respondent (such as a random id or a hash your application keeps to itself)");
        }
        if (function(draft.function()).isEmpty()) {
            problems.put("function", draft.function() == null ? "is required: SALES or MARKETING"
                    : "must be SALES or MARKETING, not '" + draft.function() + "'");
        }
        if (role(draft.role()).isEmpty()) {
            problems.put("role", draft.role() == null ? "is required: HEAD or STAFF"
                    : "must be HEAD or STAFF, not '" + draft.role() + "'");
        }
        String version = assessment.map(Assessment::instrumentVersion).orElse(Instrument.CURRENT_VERSION);
        if (draft.instrumentVersion() != null && !draft.instrumentVersion().equals(version)) {
            problems.put("instrumentVersion", "must be '" + version + "', the instrument version of this assessment");
        }
        int expected = assessment.map(Assessment::statementCount).orElse(Instrument.current().statementCount());
        checkAnswers(draft.answers(), expected, problems);
        return problems;
    }

    private static void checkAnswers(List<?> answers, int expected, Map<String, String> problems) {
        if (answers == null) {
            problems.put("answers", "is required: " + expected + " ratings from " + ResponseValidity.LOWEST_ANSWER
                    + " to " + ResponseValidity.HIGHEST_ANSWER + ", one per statement");
            return;
        }
        ResponseValidity.countProblem(answers.size(), expected)
                .ifPresent(problem -> problems.put("answers", problem.message()));
        for (int i = 0; i < answers.size(); i++) {
            if (answerValue(answers.get(i)).isEmpty()) {
                problems.put("answers[" + i + "]", "must be a whole number from " + ResponseValidity.LOWEST_ANSWER
                        + " to " + ResponseValidity.HIGHEST_ANSWER + " (rates statement " + (i + 1) + "), not "
                        + describe(answers.get(i)));
            }
        }
    }

    /** The answers as numbers; call only when {@link #problems} found none. */
    public static int[] answerValues(List<?> answers) {
        return answers.stream().mapToInt(a -> answerValue(a).orElseThrow()).toArray();
    }

    public static Optional<Integer> answerValue(Object answer) {
        if (answer instanceof Integer || answer instanceof Long || answer instanceof Short) {
            long value = ((Number) answer).longValue();
            if (ResponseValidity.onScale(value)) {
                return Optional.of((int) value);
            }
        }
        return Optional.empty();
    }

    public static Optional<BusinessFunction> function(String name) {
        return Arrays.stream(BusinessFunction.values()).filter(f -> f.name().equals(name)).findFirst();
    }

    public static Optional<Role> role(String name) {
        return Arrays.stream(Role.values()).filter(r -> r.name().equals(name)).findFirst();
    }

    private static String describe(Object answer) {
        if (answer == null) {
            return "null";
        }
        return answer instanceof String ? "'" + answer + "'" : String.valueOf(answer);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
