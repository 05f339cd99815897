package org.entente.scoring.domain;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What scoring keeps about one respondent of an assessment: the submission of theirs that counts (so that a later
 * one can take its answers back out of the {@link Tallies}), the responseIds they sent, counted or not (so that a
 * repeated responseId counts once), and one {@link Mark} per function saying what the published revisions showed of
 * them when the entry was written (so that {@link Differences} can tell, without looking at any other respondent,
 * whether their next submission changes a function's published set). A responseId is unique to one response, hence
 * to one respondent.
 *
 * <p>At most {@link #REMEMBERED_RESPONSE_IDS} responseIds are kept, in the order they came, the counted one always
 * among them; older ones are forgotten, so a respondent who submits again and again does not make their entry (and
 * each write of it to the store and its changelog) grow without end. A forgotten responseId sent again is still not
 * counted twice: it was counted once and replaced, or superseded, so its {@code submittedAt} is not after the counted
 * one's and it is superseded again. Only a forgotten submission with exactly the counted one's {@code submittedAt}
 * would take its place, which is the tie the design leaves to arrival order anyway.
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

    /** How many of one respondent's responseIds are remembered, the counted one included. */
    public static final int REMEMBERED_RESPONSE_IDS = 32;

    public RespondentEntry {
        Objects.requireNonNull(counted, "counted");
        responseIds = Collections.unmodifiableSet(new LinkedHashSet<>(responseIds)); // in the order they came
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
        return new RespondentEntry(counted, plus(responseId, counted), marks);
    }

    /** The same respondent, whose {@code later} submission now counts instead. */
    public RespondentEntry replacedBy(Submission later, List<Mark> newMarks) {
        return new RespondentEntry(later, plus(later.responseId(), later), newMarks);
    }

    /** The mark for one function. */
    public Mark mark(BusinessFunction function) {
        return marks.get(function.ordinal());
    }

    /** The responseIds with {@code responseId} added, the oldest other than the counted one's dropped past the limit. */
    private Set<String> plus(String responseId, Submission counting) {
        Set<String> ids = new LinkedHashSet<>(responseIds);
        ids.add(responseId);
        for (Iterator<String> oldest = ids.iterator(); ids.size() > REMEMBERED_RESPONSE_IDS && oldest.hasNext(); ) {
            if (!oldest.next().equals(counting.responseId())) {
                oldest.remove();
            }
        }
        return ids;
    }
}
