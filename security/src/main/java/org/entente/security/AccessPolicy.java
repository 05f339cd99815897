package org.entente.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * What a service opens beyond its admins. Every request that no rule names needs {@link Role#ADMIN}, so a new
 * endpoint is closed until someone decides otherwise. A service declares its policy as a bean; the rules every
 * service shares (health probes, the sign-in page, static files) are added by {@link EntenteSecurityConfiguration}.
 *
 * <p>Rules are Spring path patterns ({@code /assessments/{id}}, {@code /api/funnel/**}) for one HTTP method, and
 * the first matching rule decides.
 */
public final class AccessPolicy {

    /** One rule: requests with this method and path are for {@code roles}, or for anyone when {@code open}. */
    public record Rule(HttpMethod method, String pattern, boolean open, Set<Role> roles) {
        public Rule {
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        }
    }

    /** Roles that may read the shared board and the assessment report. */
    public static final Set<Role> VIEWERS = Set.of(Role.ADMIN, Role.SALES_VIEWER, Role.MARKETING_VIEWER);

    private final List<Rule> rules;

    private AccessPolicy(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** A policy that opens nothing: every request but the shared ones needs an admin. */
    public static AccessPolicy adminsOnly() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        private Builder() {
        }

        /** Answers without credentials. Keep this for the respondent's link. */
        public Builder anyone(HttpMethod method, String... patterns) {
            for (String pattern : patterns) {
                rules.add(new Rule(method, pattern, true, Set.of()));
            }
            return this;
        }

        /** For admins and both viewer roles: the board and the report. */
        public Builder viewers(HttpMethod method, String... patterns) {
            return allow(method, VIEWERS, patterns);
        }

        /** For admins and applications that submit events (responses, funnel events). */
        public Builder intake(HttpMethod method, String... patterns) {
            return allow(method, Set.of(Role.ADMIN, Role.INTAKE), patterns);
        }

        /** For anyone signed in, whatever their role. */
        public Builder signedIn(HttpMethod method, String... patterns) {
            return allow(method, EnumSet.of(Role.ADMIN, Role.SALES_VIEWER, Role.MARKETING_VIEWER, Role.INTAKE),
                    patterns);
        }

        /** Adds {@link Role#PEER} to what is already allowed, for queries one instance relays to another. */
        public Builder relayed(HttpMethod method, Set<Role> roles, String... patterns) {
            EnumSet<Role> withPeers = EnumSet.copyOf(roles);
            withPeers.add(Role.PEER);
            return allow(method, withPeers, patterns);
        }

        public Builder allow(HttpMethod method, Set<Role> roles, String... patterns) {
            for (String pattern : patterns) {
                rules.add(new Rule(method, pattern, false, roles));
            }
            return this;
        }

        public AccessPolicy build() {
            return new AccessPolicy(rules);
        }
    }
}
