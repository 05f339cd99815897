package org.entente.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Checks a bearer token against the configured static tokens (admin, intake, peer), in constant time. A token that
 * matches none is passed on to the JWT check when one is configured ({@code passOnUnknown}), and refused otherwise.
 * The tokens themselves are never logged or echoed.
 */
final class StaticTokens implements AuthenticationProvider {

    private record Entry(byte[] token, String principal, Role role) {
    }

    private final List<Entry> entries;
    private final boolean passOnUnknown;

    StaticTokens(AccessProperties properties, boolean passOnUnknown) {
        List<Entry> configured = new ArrayList<>();
        add(configured, properties.getApiToken(), "api-token", Role.ADMIN);
        add(configured, properties.getIntakeToken(), "intake-token", Role.INTAKE);
        add(configured, properties.getPeerToken(), "peer", Role.PEER);
        this.entries = List.copyOf(configured);
        this.passOnUnknown = passOnUnknown;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    private static void add(List<Entry> entries, String token, String principal, Role role) {
        if (token != null && !token.isBlank()) {
            entries.add(new Entry(token.trim().getBytes(StandardCharsets.UTF_8), principal, role));
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String presented = ((BearerTokenAuthenticationToken) authentication).getToken();
        Optional<Entry> match = find(presented.getBytes(StandardCharsets.UTF_8));
        if (match.isPresent()) {
            return new TokenAuthentication(match.get().principal(), match.get().role());
        }
        if (passOnUnknown) {
            return null;
        }
        throw new InvalidBearerTokenException("the bearer token is not one this service accepts");
    }

    private Optional<Entry> find(byte[] presented) {
        Entry found = null;
        for (Entry entry : entries) { // look at every entry so timing does not tell which one came close
            if (MessageDigest.isEqual(entry.token(), presented)) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** A caller known by one of the static tokens. */
    static final class TokenAuthentication extends AbstractAuthenticationToken {
        private final String principal;

        TokenAuthentication(String principal, Role role) {
            super(AuthorityUtils.createAuthorityList(role.authority()));
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return principal;
        }
    }
}
