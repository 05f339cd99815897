package org.entente.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who a caller is to Entente. People hold {@link #ADMIN}, {@link #SALES_VIEWER} or {@link #MARKETING_VIEWER};
 * applications that feed Entente hold {@link #INTAKE}; {@link #PEER} is one Entente instance relaying a query to the
 * instance that holds the data, and is never given to a person.
 *
 * <p>Viewers see the shared funnel board and the assessment report (aggregates only), never an individual response
 * and never the organizer's tools. In a JWT or an OIDC ID token the roles travel in a claim as their {@link #id()}s
 * ({@code admin}, {@code sales-viewer}, ...); the enum names are accepted too.
 */
public enum Role {
    ADMIN("admin", "Admin"),
    SALES_VIEWER("sales-viewer", "Sales viewer"),
    MARKETING_VIEWER("marketing-viewer", "Marketing viewer"),
    INTAKE("intake", "Intake application"),
    PEER("peer", "Entente instance");

    private static final String PREFIX = "ROLE_";

    private final String id;
    private final String title;

    Role(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The name used in configuration and in token claims. */
    public String id() {
        return id;
    }

    /** How the role is named to a person. */
    public String title() {
        return title;
    }

    /** The Spring Security authority that stands for this role. */
    public String authority() {
        return PREFIX + name();
    }

    /** Reads a role as written in configuration or a claim: {@code sales-viewer}, {@code SALES_VIEWER}, {@code ROLE_ADMIN}. */
    public static Optional<Role> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        String bare = normalized.startsWith(PREFIX) ? normalized.substring(PREFIX.length()) : normalized;
        return Arrays.stream(values()).filter(role -> role.name().equals(bare)).findFirst();
    }

    /** The Entente roles a caller holds, in this enum's order; empty for a caller without one. */
    public static Set<Role> heldBy(Authentication caller) {
        Set<Role> held = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : caller.getAuthorities()) {
            ofAuthority(authority.getAuthority()).ifPresent(held::add);
        }
        return held;
    }

    /** The role behind a Spring Security authority, if it is one of ours. */
    public static Optional<Role> ofAuthority(String authority) {
        return authority != null && authority.startsWith(PREFIX) ? parse(authority) : Optional.empty();
    }
}
