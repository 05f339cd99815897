package org.entente.funnel.domain;

import java.util.Map;
import java.util.Optional;

/**
 * The service's small who-to-call directory: a contact per role, with per-organization entries taking precedence
 * over the shared ones. It is read from configuration; there is no API to edit it yet.
 */
public record Directory(Map<String, Contact> shared, Map<String, Map<String, Contact>> byOrganization) {

    public Directory {
        shared = Map.copyOf(shared);
        byOrganization = Map.copyOf(byOrganization);
    }

    public static Directory empty() {
        return new Directory(Map.of(), Map.of());
    }

    public Optional<Contact> lookup(String organization, String role) {
        Contact own = byOrganization.getOrDefault(organization, Map.of()).get(role);
        return Optional.ofNullable(own != null ? own : shared.get(role));
    }
}
