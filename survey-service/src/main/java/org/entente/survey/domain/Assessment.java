package org.entente.survey.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * One round of the survey for one organization: what respondents are asked (the instrument version and its number
 * of statements), how long they may answer, the anonymity threshold scoring must respect, and the organizer's
 * answers to the alignment questions ({@code context} holds the questions answered "yes"). A {@code named}
 * assessment is not anonymous: the organizer chose so, the form tells respondents plainly, and its threshold may be
 * below 3.
 *
 * <p>An assessment is open from its opening until it is closed by hand or its {@code closesAt} passes; after that it
 * takes no responses, even before the closing event has been published.
 */
public record Assessment(String id, String organization, String title, String instrumentVersion, int statementCount,
        int anonymityThreshold, Instant opensAt, Instant closesAt, Set<AlignmentQuestion> context, Instant closedAt,
        boolean named) {

    public enum Status { OPEN, CLOSED }

    public Assessment {
        context = context.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(context));
    }

    /** An anonymous assessment. */
    public Assessment(String id, String organization, String title, String instrumentVersion, int statementCount,
            int anonymityThreshold, Instant opensAt, Instant closesAt, Set<AlignmentQuestion> context,
            Instant closedAt) {
        this(id, organization, title, instrumentVersion, statementCount, anonymityThreshold, opensAt, closesAt,
                context, closedAt, false);
    }

    public boolean isOpenAt(Instant now) {
        return closedAt == null && (closesAt == null || now.isBefore(closesAt));
    }

    /** Its closing time has passed but nobody has published the closing yet. */
    public boolean isDueToCloseAt(Instant now) {
        return closedAt == null && closesAt != null && !now.isBefore(closesAt);
    }

    public Status statusAt(Instant now) {
        return isOpenAt(now) ? Status.OPEN : Status.CLOSED;
    }

    public Assessment closedAt(Instant at) {
        return new Assessment(id, organization, title, instrumentVersion, statementCount, anonymityThreshold, opensAt,
                closesAt, context, at, named);
    }

    public boolean answered(AlignmentQuestion question) {
        return context.contains(question);
    }
}
