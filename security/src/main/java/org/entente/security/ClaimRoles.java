package org.entente.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Reads Entente roles from a token's claims: a JWT sent as a bearer token or the ID token of an OIDC sign-in. The
 * claim holds a list ({@code ["admin"]}) or a space- or comma-separated string; a dotted name such as
 * {@code realm_access.roles} reaches into a nested object, as some identity providers nest their roles. Values that
 * are not Entente roles are ignored, and {@link Role#PEER} is never taken from a token.
 */
final class ClaimRoles {

    private ClaimRoles() {
    }

    static Collection<GrantedAuthority> authorities(Map<String, Object> claims, String claimName) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String value : values(claims, claimName)) {
            Role.parse(value).filter(role -> role != Role.PEER)
                    .ifPresent(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        }
        return authorities;
    }

    private static List<String> values(Map<String, Object> claims, String claimName) {
        Object value = claims;
        for (String part : claimName.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return List.of();
            }
            value = map.get(part);
        }
        List<String> values = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(item -> values.add(String.valueOf(item)));
        } else if (value instanceof String text) {
            for (String item : text.split("[\\s,]+")) {
                if (!item.isBlank()) {
                    values.add(item);
                }
            }
        }
        return values;
    }
}
