package org.entente.survey.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every invitation, by token hash, rebuilt from the service's compacted invitations topic at start. Like
 * {@link AssessmentStore}, each change carries its log position so the service can apply its own writes at once
 * and ignore them when they are read back.
 */
public final class InvitationBook {

    private record Entry(Invitation invitation, long position) {
    }

    private final Map<String, Entry> byTokenHash = new ConcurrentHashMap<>();

    public void put(Invitation invitation, long position) {
        byTokenHash.merge(invitation.tokenHash(), new Entry(invitation, position),
                (known, incoming) -> incoming.position > known.position ? incoming : known);
    }

    public Optional<Invitation> byTokenHash(String tokenHash) {
        return Optional.ofNullable(byTokenHash.get(tokenHash)).map(Entry::invitation);
    }

    /** The personal invitations of an assessment in the order they were created: the reminder list's rows. */
    public List<Invitation> personal(String assessmentId) {
        return byTokenHash.values().stream().map(Entry::invitation)
                .filter(i -> i.assessmentId().equals(assessmentId) && i.kind() == Invitation.Kind.PERSONAL)
                .sorted(Comparator.comparing(Invitation::createdAt).thenComparing(Invitation::invitationId))
                .toList();
    }

    public List<Invitation> shared(String assessmentId) {
        return byTokenHash.values().stream().map(Entry::invitation)
                .filter(i -> i.assessmentId().equals(assessmentId) && i.kind() == Invitation.Kind.SHARED)
                .sorted(Comparator.comparing(Invitation::createdAt).thenComparing(Invitation::invitationId))
                .toList();
    }
}
