package org.entente.survey.stream;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.survey.domain.Assessment;
import org.entente.survey.domain.Invitation;
import org.entente.survey.domain.LabelSeal;
import org.entente.survey.domain.RejectedException;
import org.entente.survey.domain.ResponseDraft;
import org.entente.survey.domain.Tokens;

/**
 * Hands out links to the respondent form and takes responses through them. A link's token is shown once, when it
 * is created; only its hash is stored, on the internal invitations topic. Personal and return links work once; a
 * shared link works for everyone of its function and role until the assessment closes. After each submission the
 * respondent gets a return link to change their answers until close (the later answers replace the earlier ones,
 * since they carry the same pseudonymous respondentId).
 *
 * <p>Labels (the organizer's note on a personal link) are stored sealed with the state's {@link LabelSeal}; without
 * a key, a request that gives labels is refused.
 */
public class InvitationService {

    /** A new link: the invitation as stored and the secret token that is only known here and to its holder. */
    public record IssuedLink(Invitation invitation, String token) {
    }

    /** What following a link leads to. */
    public enum LinkState { FORM, UNKNOWN, USED, CLOSED }

    /** A link's state, with its invitation and assessment when it has them. */
    public record LinkCheck(LinkState state, Invitation invitation, Assessment assessment) {
    }

    public static final int MAX_LINKS_PER_REQUEST = 500;

    private final SurveyState state;
    private final EventPublisher publisher;
    private final ResponseIntake intake;
    private final Clock clock;
    /** Submissions through the same link run one at a time (links are spread over a fixed set of locks). */
    private final Object[] locks = new Object[64];

    public InvitationService(SurveyState state, EventPublisher publisher, ResponseIntake intake, Clock clock) {
        this.state = state;
        this.publisher = publisher;
        this.intake = intake;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** One personal link per label (or {@code count} unlabelled ones) for respondents of this function and role. */
    public List<IssuedLink> invite(Assessment assessment, BusinessFunction function, Role role, int count,
            List<String> labels) {
        requireOpen(assessment);
        if (labels != null && !labels.isEmpty() && !state.labelSeal().canSeal()) {
            throw new RejectedException("labels are stored encrypted, and no key is set: set "
                    + LabelSeal.KEY_VARIABLE + " (the base64 of 32 random bytes), or create the links without labels",
                    Map.of("labels", "cannot be stored until " + LabelSeal.KEY_VARIABLE + " is set; leave them out "
                            + "to create unlabelled links"));
        }
        int links = labels != null && !labels.isEmpty() ? labels.size() : count;
        if (links < 1 || links > MAX_LINKS_PER_REQUEST) {
            throw new RejectedException("cannot create that many links",
                    Map.of("count", "must be from 1 to " + MAX_LINKS_PER_REQUEST));
        }
        List<IssuedLink> issued = new ArrayList<>();
        for (int i = 0; i < links; i++) {
            String label = labels != null && !labels.isEmpty() ? labels.get(i) : null;
            issued.add(issue(assessment, Invitation.Kind.PERSONAL, function, role, newRespondentId(), label));
        }
        return issued;
    }

    /** A link everyone of this function and role may use; each use is a new respondent. */
    public IssuedLink share(Assessment assessment, BusinessFunction function, Role role) {
        requireOpen(assessment);
        return issue(assessment, Invitation.Kind.SHARED, function, role, null, null);
    }

    public LinkCheck check(String token) {
        state.requireReady();
        Optional<Invitation> invitation = token == null || token.isBlank() ? Optional.empty()
                : state.invitations().byTokenHash(Tokens.hash(token));
        if (invitation.isEmpty()) {
            return new LinkCheck(LinkState.UNKNOWN, null, null);
        }
        Assessment assessment = state.assessments().find(invitation.get().assessmentId()).orElse(null);
        if (assessment == null) {
            return new LinkCheck(LinkState.UNKNOWN, invitation.get(), null);
        }
        if (!assessment.isOpenAt(clock.instant())) {
            return new LinkCheck(LinkState.CLOSED, invitation.get(), assessment);
        }
        if (!invitation.get().isUsable()) {
            return new LinkCheck(LinkState.USED, invitation.get(), assessment);
        }
        return new LinkCheck(LinkState.FORM, invitation.get(), assessment);
    }

    /**
     * Submits complete answers through a link and returns the return link for changing them. The link must be in
     * state {@link LinkState#FORM}; otherwise the check is returned in a {@link LinkRefusedException}.
     */
    public IssuedLink submit(String token, List<Integer> answers) {
        String hash = Tokens.hash(token);
        synchronized (locks[Math.floorMod(hash.hashCode(), locks.length)]) {
            LinkCheck check = check(token);
            if (check.state() != LinkState.FORM) {
                throw new LinkRefusedException(check);
            }
            Invitation invitation = check.invitation();
            String respondentId = invitation.respondentId() != null ? invitation.respondentId() : newRespondentId();
            intake.submit(new ResponseDraft(null, invitation.assessmentId(), respondentId, invitation.function().name(),
                    invitation.role().name(), answers, check.assessment().instrumentVersion()), "web");
            if (invitation.kind() != Invitation.Kind.SHARED) {
                Invitation used = invitation.usedAt(clock.instant());
                // A clear label read from a record older than sealing, with no key to seal it now, is not written
                // again: the reminder list only shows links that are not used yet.
                write(state.labelSeal().canSeal() ? used : used.withoutLabel());
            }
            // The return link needs no label: only personal links appear in the reminder list.
            return issue(check.assessment(), Invitation.Kind.RETURN, invitation.function(), invitation.role(),
                    respondentId, null);
        }
    }

    private IssuedLink issue(Assessment assessment, Invitation.Kind kind, BusinessFunction function, Role role,
            String respondentId, String label) {
        String token = Tokens.newToken();
        Invitation invitation = new Invitation(Tokens.hash(token), Tokens.newShortId(), assessment.id(), kind,
                function, role, respondentId, label, clock.instant(), null);
        write(invitation);
        return new IssuedLink(invitation, token);
    }

    private void write(Invitation invitation) {
        RecordMetadata ack = publisher.publishBytes(InvitationLog.TOPIC, invitation.tokenHash(),
                InvitationLog.encode(invitation, state.labelSeal()));
        state.invitations().put(invitation, ack.offset());
    }

    private void requireOpen(Assessment assessment) {
        state.requireReady();
        if (!assessment.isOpenAt(clock.instant())) {
            throw new RejectedException("the assessment is closed",
                    Map.of("assessmentId", "the assessment is closed; no new links can be handed out"));
        }
    }

    private static String newRespondentId() {
        return "r-" + UUID.randomUUID();
    }

    /** A link that cannot be used to answer, with the reason in its check. */
    public static class LinkRefusedException extends RuntimeException {
        private final transient LinkCheck check;

        public LinkRefusedException(LinkCheck check) {
            super("the link cannot be used: " + check.state());
            this.check = check;
        }

        public LinkCheck check() {
            return check;
        }
    }
}
