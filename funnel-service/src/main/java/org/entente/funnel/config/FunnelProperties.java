package org.entente.funnel.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelStep;
import org.entente.funnel.domain.Contact;
import org.entente.funnel.domain.Directory;
import org.entente.funnel.domain.EngagementPolicy;
import org.entente.funnel.domain.EngagementRule;
import org.entente.funnel.domain.FunnelSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code entente.funnel.*}: the handoff SLA (shared default, per-organization overrides), the rules of engagement
 * (configured per event, and the top-accounts and collateral-review ones under {@code engagement}),
 * the who-to-call directory (shared, per-organization overrides), how often SLA clocks are checked in stream time,
 * and which organization the board shows first.
 */
@ConfigurationProperties("entente.funnel")
public record FunnelProperties(
        @DefaultValue("24h") Duration handoffSla,
        @DefaultValue("1s") Duration clockInterval,
        @DefaultValue("acme") String boardOrganization,
        Map<String, OrganizationProperties> organizations,
        List<RuleProperties> rules,
        Map<String, ContactProperties> directory,
        @DefaultValue EngagementProperties engagement) {

    /**
     * The top-accounts and collateral-review rules of engagement ({@code entente.funnel.engagement.*}): how many top
     * accounts by open amount Marketing reviews and whom to tell, and how long Sales has to review collateral and
     * whom to ask.
     */
    public record EngagementProperties(@DefaultValue("10") int topAccounts,
            @DefaultValue("key-account-marketing") String topAccountsRole,
            @DefaultValue("48h") Duration collateralReviewSla,
            @DefaultValue("collateral-reviewer") String collateralReviewRole) {
    }

    /** Settings of one organization that differ from the shared ones. */
    public record OrganizationProperties(Duration handoffSla, Map<String, ContactProperties> directory) {
    }

    public record RuleProperties(String id, Long minAmountCents, Set<FunnelEventType> types, Set<FunnelStep> steps,
            String contactRole, String reason) {
    }

    public record ContactProperties(String name, String address) {
    }

    public FunnelSettings toSettings() {
        Map<String, Duration> slas = new HashMap<>();
        Map<String, Map<String, Contact>> ownDirectories = new HashMap<>();
        if (organizations != null) {
            organizations.forEach((org, props) -> {
                if (props.handoffSla() != null) {
                    slas.put(org, props.handoffSla());
                }
                if (props.directory() != null) {
                    ownDirectories.put(org, contacts(props.directory()));
                }
            });
        }
        List<EngagementRule> engagementRules = rules == null ? List.of() : rules.stream()
                .map(r -> new EngagementRule(r.id(), r.minAmountCents(), r.types(), r.steps(), r.contactRole(),
                        r.reason()))
                .toList();
        return new FunnelSettings(handoffSla, slas, engagementRules,
                new Directory(contacts(directory), ownDirectories),
                new EngagementPolicy(engagement.topAccounts(), engagement.topAccountsRole(),
                        engagement.collateralReviewSla(), engagement.collateralReviewRole()));
    }

    private static Map<String, Contact> contacts(Map<String, ContactProperties> entries) {
        Map<String, Contact> contacts = new HashMap<>();
        if (entries != null) {
            entries.forEach((role, c) -> contacts.put(role, new Contact(role, c.name(), c.address())));
        }
        return contacts;
    }
}
