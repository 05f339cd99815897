package org.entente.survey.domain;

import java.time.Instant;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;

/**
 * A link to the respondent form, known only by the hash of its secret token.
 *
 * <ul>
 *   <li>{@link Kind#PERSONAL}: one respondent, tagged with function and role; it works once.</li>
 *   <li>{@link Kind#SHARED}: handed to a whole function; every use is a new respondent; it works until close.</li>
 *   <li>{@link Kind#RETURN}: given back on the confirmation page so the same respondent can change their answers
 *   until close; it works once and each use hands out the next one.</li>
 * </ul>
 *
 * <p>{@code respondentId} is the pseudonymous id published with the response (null for shared links, whose
 * respondents get a fresh id each). {@code label} is the organizer's own note for the reminder list, such as
 * "East region, desk 4"; it never leaves this service and is stored only encrypted ({@link LabelSeal}).
 */
public record Invitation(String tokenHash, String invitationId, String assessmentId, Kind kind,
        BusinessFunction function, Role role, String respondentId, String label, Instant createdAt, Instant usedAt) {

    public enum Kind { PERSONAL, SHARED, RETURN }

    public boolean isUsed() {
        return usedAt != null;
    }

    /** Whether following the link may still show the form (the assessment being open is checked separately). */
    public boolean isUsable() {
        return kind == Kind.SHARED || usedAt == null;
    }

    public Invitation withoutLabel() {
        return new Invitation(tokenHash, invitationId, assessmentId, kind, function, role, respondentId, null,
                createdAt, usedAt);
    }

    public Invitation usedAt(Instant at) {
        return new Invitation(tokenHash, invitationId, assessmentId, kind, function, role, respondentId, label,
                createdAt, at);
    }
}
