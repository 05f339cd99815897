package org.entente.funnel.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The funnel's configurable rules: the handoff SLA (a default and per-organization overrides), the rules of
 * engagement (per event, and the top-accounts and collateral-review {@link EngagementPolicy}) and the who-to-call
 * directory.
 */
public record FunnelSettings(Duration defaultSla, Map<String, Duration> slaByOrganization,
        List<EngagementRule> rules, Directory directory, EngagementPolicy policy) {

    public static final Duration DEFAULT_SLA = Duration.ofHours(24);

    public FunnelSettings {
        slaByOrganization = Map.copyOf(slaByOrganization);
        rules = List.copyOf(rules);
        policy = policy == null ? EngagementPolicy.defaults() : policy;
    }

    /** Settings with the default {@link EngagementPolicy}. */
    public FunnelSettings(Duration defaultSla, Map<String, Duration> slaByOrganization, List<EngagementRule> rules,
            Directory directory) {
        this(defaultSla, slaByOrganization, rules, directory, EngagementPolicy.defaults());
    }

    public static FunnelSettings defaults() {
        return new FunnelSettings(DEFAULT_SLA, Map.of(), List.of(), Directory.empty());
    }

    /** These settings with what admins edited in the directory on top of the configured one. */
    public FunnelSettings withDirectoryEdits(DirectoryEdits edits) {
        return new FunnelSettings(defaultSla, slaByOrganization, rules, directory.withEdits(edits));
    }

    public Duration slaFor(String organization) {
        return slaByOrganization.getOrDefault(organization, defaultSla);
    }

    /**
     * The rules this event triggers that have not fired for its lead yet; {@code leadStatus} is the lead's status
     * with the event applied.
     */
    public List<EngagementRule> triggeredBy(LeadEvent event, LeadStatus leadStatus, Set<String> alreadyRaised) {
        return rules.stream().filter(r -> !alreadyRaised.contains(r.id()) && r.matches(event, leadStatus)).toList();
    }
}
