package org.entente.scoring.domain;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What scoring keeps about one respondent of an assessment: the submission of theirs that counts (so that a later
 * one can take its answers back out of the {@link Tallies}), and every responseId they sent, counted or not (so that
 * a repeated responseId counts once). A responseId is unique to one response, hence to one respondent.
 */
public record RespondentEntry(Submission counted, Set<String> responseIds) {

    public RespondentEntry {
        Objects.requireNonNull(counted, "counted");
        responseIds = Set.copyOf(responseIds);
    }

    /** A respondent's first counted submission. */
    public static RespondentEntry first(Submission counted) {
        return new RespondentEntry(counted, Set.of(counted.responseId()));
    }

    /** The same respondent, having also sent {@code responseId}. */
    public RespondentEntry withResponseId(String responseId) {
        return new RespondentEntry(counted, plus(responseId));
    }

    /** The same respondent, whose {@code later} submission now counts instead. */
    public RespondentEntry replacedBy(Submission later) {
        return new RespondentEntry(later, plus(later.responseId()));
    }

    private Set<String> plus(String responseId) {
        Set<String> ids = new LinkedHashSet<>(responseIds);
        ids.add(responseId);
        return ids;
    }
}
