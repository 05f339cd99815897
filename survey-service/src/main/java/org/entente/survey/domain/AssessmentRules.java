package org.entente.survey.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks an organizer's request to open an assessment and turns it into an {@link Assessment}: organization and
 * title are required, the threshold is at least 3 (3 when not given; at least 1 for a named, non-anonymous
 * assessment), the closing time lies in the future, the context names only the ten alignment questions, and the
 * instrument version exists.
 *
 * <p>Below 3, two respondents of a function could each work out the third's answers from the score; only an
 * assessment whose respondents are told that it is not anonymous may go lower. Scoring holds an anonymous opening to
 * 3 as well, whoever published it.
 */
public final class AssessmentRules {

    public static final int DEFAULT_ANONYMITY_THRESHOLD = 3;
    /** The lowest threshold of an anonymous assessment. */
    public static final int ANONYMOUS_MINIMUM = 3;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private AssessmentRules() {
    }

    public static Map<String, String> problems(AssessmentDraft draft, Instant now) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (draft.assessmentId() != null && !ID.matcher(draft.assessmentId()).matches()) {
            problems.put("assessmentId", "must be 1 to 128 letters, digits or . _ : - (or left out to get one)");
        }
        if (draft.organization() == null || draft.organization().isBlank()) {
            problems.put("organization", "is required");
        } else if (draft.organization().length() > 200) {
            problems.put("organization", "must be at most 200 characters");
        }
        if (draft.title() == null || draft.title().isBlank()) {
            problems.put("title", "is required");
        } else if (draft.title().length() > 200) {
            problems.put("title", "must be at most 200 characters");
        }
        if (draft.anonymityThreshold() != null && draft.anonymityThreshold() < 1) {
            problems.put("anonymityThreshold", "must be at least 1, and at least " + ANONYMOUS_MINIMUM
                    + " unless the assessment is named");
        } else if (draft.anonymityThreshold() != null && draft.anonymityThreshold() < ANONYMOUS_MINIMUM
                && !draft.isNamed()) {
            problems.put("anonymityThreshold", "must be at least " + ANONYMOUS_MINIMUM + " to keep respondents "
                    + "anonymous; a lower one needs a named assessment (\"named\": true), whose respondents are "
                    + "told that their answers are not anonymous");
        }
        if (draft.closesAt() != null && !draft.closesAt().isAfter(now)) {
            problems.put("closesAt", "must be in the future");
        }
        if (draft.context() != null) {
            draft.context().forEach((field, answer) -> {
                if (AlignmentQuestion.byField(field).isEmpty()) {
                    problems.put("context." + field, "is not one of the alignment questions");
                } else if (answer == null) {
                    problems.put("context." + field, "must be true or false");
                }
            });
        }
        if (draft.instrumentVersion() != null && Instrument.version(draft.instrumentVersion()).isEmpty()) {
            problems.put("instrumentVersion", "no instrument has version '" + draft.instrumentVersion()
                    + "'; the current one is '" + Instrument.CURRENT_VERSION + "'");
        }
        return problems;
    }

    /** The assessment to open; call only when {@link #problems} found none. */
    public static Assessment toAssessment(AssessmentDraft draft, Instant now) {
        Instrument instrument = draft.instrumentVersion() == null ? Instrument.current()
                : Instrument.version(draft.instrumentVersion()).orElseThrow();
        Set<AlignmentQuestion> yes = EnumSet.noneOf(AlignmentQuestion.class);
        if (draft.context() != null) {
            draft.context().forEach((field, answer) -> {
                if (Boolean.TRUE.equals(answer)) {
                    yes.add(AlignmentQuestion.byField(field).orElseThrow());
                }
            });
        }
        String id = draft.assessmentId() != null ? draft.assessmentId() : UUID.randomUUID().toString();
        int threshold = draft.anonymityThreshold() != null ? draft.anonymityThreshold()
                : DEFAULT_ANONYMITY_THRESHOLD;
        // Events carry milliseconds: keep no finer precision, so what is shown now is what is shown after a restart.
        return new Assessment(id, draft.organization().strip(), draft.title().strip(), instrument.version(),
                instrument.statementCount(), threshold, now.truncatedTo(ChronoUnit.MILLIS),
                draft.closesAt() == null ? null : draft.closesAt().truncatedTo(ChronoUnit.MILLIS), yes, null,
                draft.isNamed());
    }
}
