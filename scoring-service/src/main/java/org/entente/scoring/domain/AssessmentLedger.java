package org.entente.scoring.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.entente.rules.ResponseValidity;

/**
 * Everything scoring keeps about one assessment in one small record: its terms, whether it is closed, the running
 * {@link Tallies} of the counted submissions, the tallies the last published revision was made of, and how many
 * revisions have been published. Its size does not grow with the respondents: what must be remembered about each
 * respondent (their counted answers, the responseIds they sent) is a {@link RespondentEntry}, kept apart and looked
 * up through {@link Respondents} only for the respondent at hand.
 *
 * <p>It applies the rules that decide whether a response counts: the assessment must be open (not closed, and the
 * response not submitted after {@code closesAt}); it must rate exactly {@code statementCount} statements, each from
 * 1 to 5. A responseId already seen counts once. A later submission (by {@code submittedAt}; on a tie, the one that
 * arrives last) from the same respondent replaces the earlier one; an earlier one arriving late is ignored.
 *
 * <p>Counting a response does not publish anything: {@link #publishChanges} makes the next revision when there is one
 * to make, and {@link #publishFinal} the final one at the close. So several responses may go out in one revision.
 *
 * <p>The publication rule keeps anyone from deriving one respondent's answers by comparing two revisions: between any
 * two consecutive revisions (the final one included), each function's set of respondents changes by zero or by at least
 * the anonymity threshold ({@link Differences} counts by how many: a newcomer, a replaced answer, a move to the other
 * function; the same answers sent again count none). A revision takes in a function's counted set only when it differs
 * from the published one by that many (and has enough respondents to be shown); a function that changed by fewer keeps
 * its published set and waits. At the close, such a smaller remainder is held back for good, and the final revision
 * says how many respondents it leaves out ({@link Revision#heldBack}).
 *
 * <p>It is mutable and not thread-safe: the stream processor owns one instance at a time per assessment.
 */
public final class AssessmentLedger {

    /** What became of a submission. */
    public sealed interface Outcome {
        /** It counts now (a first response, or one replacing the respondent's earlier one). */
        record Counted() implements Outcome {
        }

        /** Its responseId was seen before: nothing changes. */
        record Duplicate() implements Outcome {
        }

        /** The respondent already submitted something later: nothing changes but the responseId is remembered. */
        record Superseded() implements Outcome {
        }

        /** It is invalid and never changes a score. */
        record Rejected(Rejection rejection) implements Outcome {
        }
    }

    /** A revision to publish: its number, whether it is the final one, what it says, how many it leaves out. */
    public record Revision(long number, boolean isFinal, Classification classification, int heldBack) {
    }

    /** Where the respondents of this assessment are kept (the state store, or a map in a test). */
    public interface Respondents {
        /** The respondent's entry, or {@code null} when they have not been counted yet. */
        RespondentEntry find(String respondentId);

        void save(RespondentEntry entry);
    }

    private final AssessmentTerms terms;
    private boolean closed;
    private final Tallies counted;
    private Tallies published;
    private final Differences differences;
    private long revision;
    private boolean finalPublished;

    private AssessmentLedger(AssessmentTerms terms, boolean closed, Tallies counted, Tallies published,
            Differences differences, long revision, boolean finalPublished) {
        this.terms = Objects.requireNonNull(terms, "terms");
        this.closed = closed;
        this.counted = Objects.requireNonNull(counted, "counted");
        this.published = published;
        this.differences = Objects.requireNonNull(differences, "differences");
        this.revision = revision;
        this.finalPublished = finalPublished;
    }

    /** A freshly opened assessment with no responses yet. */
    public static AssessmentLedger open(AssessmentTerms terms) {
        return new AssessmentLedger(terms, false, Tallies.empty(terms.statementCount()), null, Differences.none(), 0,
                false);
    }

    /** A ledger as it was stored. {@code published} is {@code null} before the first revision. */
    public static AssessmentLedger restore(AssessmentTerms terms, boolean closed, Tallies counted, Tallies published,
            Differences differences, long revision, boolean finalPublished) {
        return new AssessmentLedger(terms, closed, counted, published, differences, revision, finalPublished);
    }

    /**
     * Applies the validity, idempotence and replacement rules to one submission, updating the tallies and the
     * respondent's entry in {@code respondents}.
     */
    public Outcome submit(Submission submission, Respondents respondents) {
        RespondentEntry earlier = respondents.find(submission.respondentId());
        if (earlier != null && earlier.responseIds().contains(submission.responseId())) {
            return new Outcome.Duplicate();
        }
        Optional<Rejection> rejection = validate(submission);
        if (rejection.isPresent()) {
            return new Outcome.Rejected(rejection.get());
        }
        if (earlier == null) {
            counted.add(submission);
            respondents.save(RespondentEntry.first(submission, differences.count(null, submission.function())));
            return new Outcome.Counted();
        }
        if (submission.submittedAt().isBefore(earlier.counted().submittedAt())) {
            respondents.save(earlier.withResponseId(submission.responseId()));
            return new Outcome.Superseded();
        }
        counted.remove(earlier.counted());
        counted.add(submission);
        // the same answers again (a client retrying under a new responseId) change no published set
        List<RespondentEntry.Mark> marks = earlier.counted().sameAnswers(submission) ? earlier.marks()
                : differences.count(earlier, submission.function());
        respondents.save(earlier.replacedBy(submission, marks));
        return new Outcome.Counted();
    }

    private Optional<Rejection> validate(Submission submission) {
        if (closed) {
            return Optional.of(new Rejection(Rejection.ASSESSMENT_CLOSED,
                    "assessment " + terms.assessmentId() + " is closed"));
        }
        if (terms.closesAt() != null && submission.submittedAt().isAfter(terms.closesAt())) {
            return Optional.of(new Rejection(Rejection.ASSESSMENT_CLOSED, "submitted at " + submission.submittedAt()
                    + ", after assessment " + terms.assessmentId() + " closed at " + terms.closesAt()));
        }
        return ResponseValidity.firstProblem(submission.answers(), terms.statementCount())
                .map(problem -> new Rejection(problem.code(), problem.message()));
    }

    /**
     * Takes a respondent's counted submission back out of the sums: one submitted after the closing that was counted
     * before the closing arrived. A respondent the last revision showed is a change like any other (the publication
     * rule counts it); one never shown simply no longer waits. The caller forgets the respondent's entry.
     */
    public void withdraw(RespondentEntry respondent) {
        counted.remove(respondent.counted());
        differences.withdraw(respondent);
    }

    /** Stops taking responses. Returns false when it was already closed. */
    public boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /**
     * The classification of the last published revision (what a score query serves), or empty before the first.
     */
    public Optional<Classification> classification() {
        return published == null ? Optional.empty() : Tally.classify(terms, published);
    }

    /** The classification of every response counted so far, published or not; empty below the threshold. */
    public Optional<Classification> current() {
        return Tally.classify(terms, counted);
    }

    /** How many more respondents each function needs, counting every response counted so far. */
    public Tally.Waiting waiting() {
        return Tally.waiting(terms, counted);
    }

    /**
     * Publishes the next revision when the rule allows one that says something new: each function whose counted
     * set differs from its published one by at least the threshold (and has enough respondents) is taken in, the
     * others keep their published sets. Empty, and nothing changes, when no function may be taken in, when the
     * result could not be shown (a function has never reached the threshold), when it would say what the last
     * revision said, or once the assessment is closed (its final revision is the last).
     */
    public Optional<Revision> publishChanges() {
        return closed ? Optional.empty() : publish(false);
    }

    /**
     * Publishes the final revision, by the same rule: a function whose change since the last revision is smaller
     * than the threshold is held back. Empty when nothing may be shown at all (the threshold was never met).
     */
    public Optional<Revision> publishFinal() {
        return publish(true);
    }

    private Optional<Revision> publish(boolean isFinal) {
        Tallies next = published == null ? Tallies.empty(terms.statementCount()) : published.copy();
        List<BusinessFunction> takenIn = new ArrayList<>();
        for (BusinessFunction function : BusinessFunction.values()) {
            if (differences.changed(function) >= terms.anonymityThreshold()
                    && counted.count(function) >= terms.anonymityThreshold()) {
                next.take(counted, function);
                takenIn.add(function);
            }
        }
        Optional<Classification> shown = Tally.classify(terms, next);
        if (shown.isEmpty() || (!isFinal && (takenIn.isEmpty() || shown.equals(classification())))) {
            return Optional.empty();
        }
        published = next;
        takenIn.forEach(differences::published);
        revision++;
        finalPublished = isFinal;
        return Optional.of(new Revision(revision, isFinal, shown.get(), heldBack()));
    }

    /**
     * How many respondents' latest answers the last published revision leaves out (a respondent who moved between
     * the functions counts in both); once the final revision is out, these are never shown.
     */
    public int heldBack() {
        return differences.total();
    }

    /** Whether some counted respondent is not in the published sets yet. */
    public boolean hasUnpublishedChanges() {
        return differences.total() > 0;
    }

    public AssessmentTerms terms() {
        return terms;
    }

    public boolean isClosed() {
        return closed;
    }

    /** The last published revision, 0 before the first. */
    public long revision() {
        return revision;
    }

    /** Whether the last published revision was the final one. */
    public boolean isFinalPublished() {
        return finalPublished;
    }

    /** How many respondents count (one per respondent, whatever they sent). */
    public int respondentCount() {
        return counted.respondentCount();
    }

    /** The running sums of the counted responses (to be stored). */
    public Tallies counted() {
        return counted;
    }

    /** The sums the last published revision was made of, or {@code null} before the first (to be stored). */
    public Tallies published() {
        return published;
    }

    /** How far the counted sets are from the published ones (to be stored). */
    public Differences differences() {
        return differences;
    }
}
