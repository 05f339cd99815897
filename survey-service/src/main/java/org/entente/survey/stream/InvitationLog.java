package org.entente.survey.stream;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.survey.domain.Invitation;
import org.entente.survey.domain.LabelSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * survey-service's own compacted topic of invitations, keyed by token hash. It is internal: no other service reads
 * it and its JSON values are not part of the public contract. Compaction keeps the latest state of each link
 * (created, then used), which is all the service needs to rebuild its {@code InvitationBook} at start.
 *
 * <p>A link's secret token is never stored, only its SHA-256 (the key). The organizer's label is stored sealed with
 * {@link LabelSeal} ({@code sealedLabel}, format 2). Records of format 1, written before labels were sealed, carry
 * the label in clear in {@code label}; they still load, and are rewritten sealed when the link is next written
 * (when it is used). Compaction then drops the clear copy in its own time; nothing rewrites old records eagerly yet.
 */
public final class InvitationLog {

    /** The one place this topic is named. */
    public static final String TOPIC = "entente.survey.invitations.internal.v1";
    /** Compacted and kept forever: the latest record of each link is its whole story. */
    public static final Map<String, String> TOPIC_CONFIG = Map.of("cleanup.policy", "compact", "retention.ms", "-1");

    private static final Logger log = LoggerFactory.getLogger(InvitationLog.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    /**
     * What is stored per link; field names are this topic's format. {@code label} is only read (format 1, clear);
     * {@code sealedLabel} is written from format 2 on.
     */
    record Stored(int format, String tokenHash, String invitationId, String assessmentId, String kind,
            String function, String role, String respondentId, String label, String sealedLabel, Instant createdAt,
            Instant usedAt) {
    }

    private InvitationLog() {
    }

    public static NewTopic newTopic(int partitions, short replicationFactor) {
        return new NewTopic(TOPIC, partitions, replicationFactor).configs(TOPIC_CONFIG);
    }

    /** The record of an invitation, its label sealed; a labelled invitation needs a seal that has a key. */
    public static byte[] encode(Invitation invitation, LabelSeal seal) {
        String sealedLabel = invitation.label() == null ? null : seal.seal(invitation.label(), invitation.tokenHash());
        return JSON.writeValueAsBytes(new Stored(2, invitation.tokenHash(), invitation.invitationId(),
                invitation.assessmentId(), invitation.kind().name(), invitation.function().name(),
                invitation.role().name(), invitation.respondentId(), null, sealedLabel, invitation.createdAt(),
                invitation.usedAt()));
    }

    /**
     * An invitation as stored, its label opened. A sealed label that this seal cannot open (no key, or another key)
     * is left out, with a warning in the log, rather than stopping the service from reading its state.
     */
    public static Invitation decode(byte[] bytes, LabelSeal seal) {
        Stored stored = JSON.readValue(bytes, Stored.class);
        String label = stored.label();
        if (stored.sealedLabel() != null) {
            label = seal.open(stored.sealedLabel(), stored.tokenHash()).orElse(null);
            if (label == null && WARNED.compareAndSet(false, true)) {
                log.warn("some invitation labels cannot be read: they were sealed with another {} than the one set "
                        + "now{}; those links are listed without their labels", LabelSeal.KEY_VARIABLE,
                        seal.canSeal() ? "" : " (none is set)");
            }
        }
        return new Invitation(stored.tokenHash(), stored.invitationId(), stored.assessmentId(),
                Invitation.Kind.valueOf(stored.kind()), BusinessFunction.valueOf(stored.function()),
                Role.valueOf(stored.role()), stored.respondentId(), label, stored.createdAt(), stored.usedAt());
    }
}
