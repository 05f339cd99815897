package org.entente.scoring.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.entente.scoring.domain.RespondentEntry.Mark;

/**
 * For each function, how many respondents its counted set and its last published set differ by: a newcomer, a
 * respondent whose later answers replace published ones, and one who moved to the other function since (who differs
 * in both) each count one; a respondent whose change has not been published yet counts once however often they
 * answer again. The publication rule reads it ({@link AssessmentLedger}): a function's set is published again only
 * when it differs by at least the anonymity threshold, so no two consecutive revisions let anyone single out one
 * respondent by subtracting one mean from the other.
 *
 * <p>It costs the same however many respondents there are. Publishing a function's set does not visit its
 * respondents: it moves the function to its next <em>generation</em>, and each respondent's {@link Mark} (the
 * generation and whether they were shown, as of their last submission) says, when they next submit, whether a
 * publication has taken their last submission in since.
 *
 * <p>It is mutable and not thread-safe, like the ledger that owns it.
 */
public final class Differences {

    private static final BusinessFunction[] FUNCTIONS = BusinessFunction.values();

    private final long[] generation;
    private final int[] changed;

    private Differences(long[] generation, int[] changed) {
        if (generation.length != FUNCTIONS.length || changed.length != FUNCTIONS.length) {
            throw new IllegalArgumentException("one generation and one count per function");
        }
        this.generation = generation;
        this.changed = changed;
    }

    /** Nothing counted, nothing published. */
    public static Differences none() {
        return new Differences(new long[FUNCTIONS.length], new int[FUNCTIONS.length]);
    }

    /** As stored: per function (in {@link BusinessFunction} order) its generation and how many differ. */
    public static Differences restore(long[] generation, int[] changed) {
        return new Differences(generation.clone(), changed.clone());
    }

    /**
     * Takes note that a respondent now counts a submission in function {@code next}, and returns the marks to keep
     * in their entry.
     *
     * @param earlier the respondent's entry before this submission, or {@code null} for a newcomer
     */
    public List<Mark> count(RespondentEntry earlier, BusinessFunction next) {
        List<Mark> marks = new ArrayList<>(FUNCTIONS.length);
        for (BusinessFunction function : FUNCTIONS) {
            boolean shown = shown(earlier, function);
            recount(function, earlier, function == next || shown);
            marks.add(new Mark(generation[function.ordinal()], shown));
        }
        return marks;
    }

    /**
     * Takes note that a respondent no longer counts at all (their submission was withdrawn): where a published set
     * shows them, they now differ; where they only waited to be published, they no longer do.
     */
    public void withdraw(RespondentEntry earlier) {
        for (BusinessFunction function : FUNCTIONS) {
            recount(function, earlier, shown(earlier, function));
        }
    }

    /** Moves the function's count of differing respondents from what the respondent was to what they are now. */
    private void recount(BusinessFunction function, RespondentEntry earlier, boolean differsNow) {
        changed[function.ordinal()] += (differsNow ? 1 : 0) - (differedBefore(earlier, function) ? 1 : 0);
    }

    /** Whether the function's published set holds the respondent (as of their last submission). */
    private boolean shown(RespondentEntry earlier, BusinessFunction function) {
        if (earlier == null) {
            return false;
        }
        Mark mark = earlier.mark(function);
        // once published again, the published set holds what was counted: the earlier submission
        return notPublishedSince(mark, function) ? mark.shown() : earlier.counted().function() == function;
    }

    /** Whether the respondent was counted among the function's differences before this submission. */
    private boolean differedBefore(RespondentEntry earlier, BusinessFunction function) {
        if (earlier == null) {
            return false;
        }
        Mark mark = earlier.mark(function);
        return notPublishedSince(mark, function) && (earlier.counted().function() == function || mark.shown());
    }

    /** Whether the function's set has not been published since the mark was written. */
    private boolean notPublishedSince(Mark mark, BusinessFunction function) {
        return mark.generation() == generation[function.ordinal()];
    }

    /** How many respondents a function's counted set differs from its published one by. */
    public int changed(BusinessFunction function) {
        return changed[function.ordinal()];
    }

    /** How many times a function's set has been published. */
    public long generation(BusinessFunction function) {
        return generation[function.ordinal()];
    }

    /** Every respondent who differs, in both functions (one who moved between them counts twice). */
    public int total() {
        return Arrays.stream(changed).sum();
    }

    /** Takes note that a function's counted set has just been published as it is. */
    void published(BusinessFunction function) {
        generation[function.ordinal()]++;
        changed[function.ordinal()] = 0;
    }
}
