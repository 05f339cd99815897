package org.entente.survey.stream;

import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.survey.domain.Invitation;
import tools.jackson.databind.json.JsonMapper;

/**
 * survey-service's own compacted topic of invitations, keyed by token hash. It is internal: no other service reads
 * it and its JSON values are not part of the public contract. Compaction keeps the latest state of each link
 * (created, then used), which is all the service needs to rebuild its {@code InvitationBook} at start.
 */
public final class InvitationLog {

    /** The one place this topic is named. */
    public static final String TOPIC = "entente.survey.invitations.internal.v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What is stored per link; field names are this topic's format. */
    record Stored(int format, String tokenHash, String invitationId, String assessmentId, String kind,
            String function, String role, String respondentId, String label, Instant createdAt, Instant usedAt) {
    }

    private InvitationLog() {
    }

    public static NewTopic newTopic(int partitions, short replicationFactor) {
        return new NewTopic(TOPIC, partitions, replicationFactor)
                .configs(Map.of("cleanup.policy", "compact", "retention.ms", "-1"));
    }

    public static byte[] encode(Invitation invitation) {
        return JSON.writeValueAsBytes(new Stored(1, invitation.tokenHash(), invitation.invitationId(),
                invitation.assessmentId(), invitation.kind().name(), invitation.function().name(),
                invitation.role().name(), invitation.respondentId(), invitation.label(), invitation.createdAt(),
                invitation.usedAt()));
    }

    public static Invitation decode(byte[] bytes) {
        Stored stored = JSON.readValue(bytes, Stored.class);
        return new Invitation(stored.tokenHash(), stored.invitationId(), stored.assessmentId(),
                Invitation.Kind.valueOf(stored.kind()), BusinessFunction.valueOf(stored.function()),
                Role.valueOf(stored.role()), stored.respondentId(), stored.label(), stored.createdAt(),
                stored.usedAt());
    }
}
