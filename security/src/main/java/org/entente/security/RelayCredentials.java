package org.entente.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The credentials one instance presents when it relays a query to the instance that holds the data: the peer token
 * ({@code ENTENTE_PEER_TOKEN}) when configured, otherwise the caller's own {@code Authorization} header (which works
 * for bearer callers, not for a browser session, whose cookie means nothing to another instance). The relaying
 * instance has already checked the caller's roles; the peer token only reaches the queries a service relays.
 */
public final class RelayCredentials {

    private final String peerToken;

    RelayCredentials(String peerToken) {
        this.peerToken = peerToken == null || peerToken.isBlank() ? null : peerToken.trim();
    }

    /** The {@code Authorization} header value to send along with a relayed request, if there is one. */
    public Optional<String> authorization(HttpServletRequest incoming) {
        if (peerToken != null) {
            return Optional.of("Bearer " + peerToken);
        }
        return Optional.ofNullable(incoming.getHeader("Authorization"));
    }
}
