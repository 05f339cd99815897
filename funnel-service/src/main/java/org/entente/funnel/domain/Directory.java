package org.entente.funnel.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The service's small who-to-call directory: a contact per role, with per-organization entries taking precedence
 * over the shared ones (for every organization). Entries come from configuration, the seed, and from what admins
 * edited ({@link DirectoryEdits}), which takes precedence over the configured entry of the same organization and
 * role; removing an edit brings the configured entry back. An organization's own configured entry still wins over a
 * shared edit. It cannot hide a configured entry (an admin can only replace it).
 */
public record Directory(Map<String, Contact> shared, Map<String, Map<String, Contact>> byOrganization,
        DirectoryEdits edits) {

    /** Where the contact a role resolves to comes from. */
    public enum Source {
        CONFIGURED, EDITED
    }

    /** The contact a role resolves to for an organization, whether it is the organization's own, and its source. */
    public record Entry(String role, Contact contact, boolean ownToOrganization, Source source) {
    }

    public Directory {
        shared = Map.copyOf(shared);
        byOrganization = Map.copyOf(byOrganization);
    }

    /** A configured directory, without edits. */
    public Directory(Map<String, Contact> shared, Map<String, Map<String, Contact>> byOrganization) {
        this(shared, byOrganization, DirectoryEdits.NONE);
    }

    public static Directory empty() {
        return new Directory(Map.of(), Map.of());
    }

    /** This configured directory with what admins edited on top. */
    public Directory withEdits(DirectoryEdits edited) {
        return new Directory(shared, byOrganization, edited);
    }

    public Optional<Contact> lookup(String organization, String role) {
        return entry(organization, role).map(Entry::contact);
    }

    /** Every role the organization (null: any organization without its own) can call, in role order, as it resolves. */
    public List<Entry> entries(String organization) {
        TreeSet<String> roles = new TreeSet<>(shared.keySet());
        roles.addAll(edits.of(null).keySet());
        if (organization != null) {
            roles.addAll(byOrganization.getOrDefault(organization, Map.of()).keySet());
            roles.addAll(edits.of(organization).keySet());
        }
        List<Entry> entries = new ArrayList<>();
        roles.forEach(role -> entry(organization, role).ifPresent(entries::add));
        return entries;
    }

    private Optional<Entry> entry(String organization, String role) {
        Contact edited = organization == null ? null : edits.of(organization).get(role);
        if (edited != null) {
            return Optional.of(new Entry(role, edited, true, Source.EDITED));
        }
        Contact own = organization == null ? null : byOrganization.getOrDefault(organization, Map.of()).get(role);
        if (own != null) {
            return Optional.of(new Entry(role, own, true, Source.CONFIGURED));
        }
        Contact sharedEdit = edits.of(null).get(role);
        if (sharedEdit != null) {
            return Optional.of(new Entry(role, sharedEdit, false, Source.EDITED));
        }
        return Optional.ofNullable(shared.get(role)).map(c -> new Entry(role, c, false, Source.CONFIGURED));
    }
}
