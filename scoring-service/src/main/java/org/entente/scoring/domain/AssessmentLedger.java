package org.entente.scoring.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything scoring keeps about one assessment: its terms, whether it is closed, the one counted submission of
 * each respondent, every responseId already seen, and how many revisions have been published.
 *
 * <p>It applies the rules that decide whether a response counts: the assessment must be open (not closed, and the
 * response not submitted after {@code closesAt}); it must rate exactly {@code statementCount} statements, each from
 * 1 to 5. A responseId already seen counts once. A later submission (by {@code submittedAt}; on a tie, the one that
 * arrives last) from the same respondent replaces the earlier one; an earlier one arriving late is ignored.
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

        /** The respondent already submitted something later: nothing changes. */
        record Superseded() implements Outcome {
        }

        /** It is invalid and never changes a score. */
        record Rejected(Rejection rejection) implements Outcome {
        }
    }

    private final AssessmentTerms terms;
    private boolean closed;
    private final Map<String, Submission> byRespondent;
    private final Set<String> seenResponseIds;
    private long revision;
    private boolean finalPublished;

    private AssessmentLedger(AssessmentTerms terms, boolean closed, Map<String, Submission> byRespondent,
            Set<String> seenResponseIds, long revision, boolean finalPublished) {
        this.terms = Objects.requireNonNull(terms, "terms");
        this.closed = closed;
        this.byRespondent = byRespondent;
        this.seenResponseIds = seenResponseIds;
        this.revision = revision;
        this.finalPublished = finalPublished;
    }

    /** A freshly opened assessment with no responses yet. */
    public static AssessmentLedger open(AssessmentTerms terms) {
        return new AssessmentLedger(terms, false, new LinkedHashMap<>(), new LinkedHashSet<>(), 0, false);
    }

    /** A ledger as it was stored. */
    public static AssessmentLedger restore(AssessmentTerms terms, boolean closed, Collection<Submission> counted,
            Collection<String> seenResponseIds, long revision, boolean finalPublished) {
        Map<String, Submission> byRespondent = new LinkedHashMap<>();
        counted.forEach(s -> byRespondent.put(s.respondentId(), s));
        return new AssessmentLedger(terms, closed, byRespondent, new LinkedHashSet<>(seenResponseIds), revision,
                finalPublished);
    }

    /** Applies the validity, idempotence and replacement rules to one submission. */
    public Outcome submit(Submission submission) {
        if (seenResponseIds.contains(submission.responseId())) {
            return new Outcome.Duplicate();
        }
        Optional<Rejection> rejection = validate(submission);
        if (rejection.isPresent()) {
            return new Outcome.Rejected(rejection.get());
        }
        seenResponseIds.add(submission.responseId());
        Submission earlier = byRespondent.get(submission.respondentId());
        if (earlier != null && submission.submittedAt().isBefore(earlier.submittedAt())) {
            return new Outcome.Superseded();
        }
        byRespondent.put(submission.respondentId(), submission);
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
        List<Integer> answers = submission.answers();
        if (answers.size() != terms.statementCount()) {
            return Optional.of(new Rejection(Rejection.WRONG_ANSWER_COUNT, "must have " + terms.statementCount()
                    + " answers, has " + answers.size()));
        }
        for (int i = 0; i < answers.size(); i++) {
            Integer answer = answers.get(i);
            if (answer == null || answer < 1 || answer > 5) {
                return Optional.of(new Rejection(Rejection.ANSWER_OUT_OF_RANGE, "answer to statement " + (i + 1)
                        + " is " + answer + "; answers run from 1 to 5"));
            }
        }
        return Optional.empty();
    }

    /** Stops taking responses. Returns false when it was already closed. */
    public boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /** The classification of the counted submissions, or empty while a function is below the threshold. */
    public Optional<Classification> classification() {
        return Tally.classify(terms, byRespondent.values());
    }

    public Tally.Waiting waiting() {
        return Tally.waiting(terms, byRespondent.values());
    }

    /** Records that a new revision is being published and returns its number (the first is 1). */
    public long nextRevision(boolean isFinal) {
        revision++;
        finalPublished = isFinal;
        return revision;
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

    /** The submission that counts for each respondent, in the order respondents first appeared. */
    public Collection<Submission> counted() {
        return Collections.unmodifiableCollection(byRespondent.values());
    }

    public Set<String> seenResponseIds() {
        return Collections.unmodifiableSet(seenResponseIds);
    }
}
