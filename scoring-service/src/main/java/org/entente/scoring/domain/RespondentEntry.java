package org.entente.scoring.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What scoring keeps about one respondent of an assessment: the submission of theirs that counts (so that a later
 * one can take its answers back out of the {@link Tallies}), every responseId they sent, counted or not (so that a
 * repeated responseId counts once), and one {@link Mark} per function saying what the published revisions showed of
 * them when the entry was written (so that {@link Differences} can tell, without looking at any other respondent,
 * whether their next submission changes a function's published set). A responseId is unique to one response, hence
 * to one respondent.
 *
 * @param marks one per {@link BusinessFunction}, in its order
 */
public record RespondentEntry(Submission counted, Set<String> responseIds, List<Mark> marks) {

    /**
     * What the published set of one function held of this respondent when the entry was written.
     *
     * @param generation the function's published generation then ({@link Differences#generation}); once the
     *        function has been published again, its published set holds exactly what was counted
     * @param shown whether that function's published set held a submission of this respondent then
     */
    public record Mark(long generation, boolean shown) {
    }

    public RespondentEntry {
        Objects.requireNonNull(counted, "counted");
        responseIds = Set.copyOf(responseIds);
        marks = List.copyOf(marks);
        if (marks.size() != BusinessFunction.values().length) {
            throw new IllegalArgumentException("one mark per function, not " + marks.size());
        }
    }

    /** A respondent's first counted submission. */
    public static RespondentEntry first(Submission counted, List<Mark> marks) {
        return new RespondentEntry(counted, Set.of(counted.responseId()), marks);
    }

    /** The same respondent, having also sent {@code responseId}. */
    public RespondentEntry withResponseId(String responseId) {
        return new RespondentEntry(counted, plus(responseId), marks);
    }

    /** The same respondent, whose {@code later} submission now counts instead. */
    public RespondentEntry replacedBy(Submission later, List<Mark> newMarks) {
        return new RespondentEntry(later, plus(later.responseId()), newMarks);
    }

    /** The mark for one function. */
    public Mark mark(BusinessFunction function) {
        return marks.get(function.ordinal());
    }

    private Set<String> plus(String responseId) {
        Set<String> ids = new LinkedHashSet<>(responseIds);
        ids.add(responseId);
        return ids;
    }
}
