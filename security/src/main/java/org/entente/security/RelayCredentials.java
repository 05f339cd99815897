package org.entente.security;

import java.util.Optional;

/**
 * The credentials one instance presents when it relays a query to the instance that holds the data: the peer token
 * ({@code ENTENTE_PEER_TOKEN}), which gives the {@link Role#PEER} role. The relaying instance has already checked the
 * caller's roles; the peer token only reaches the queries a service relays. Without a peer token nothing is relayed:
 * a caller's own credentials are not passed on (a browser session means nothing to another instance, and the owner
 * believes a relayed request only from a peer).
 */
public final class RelayCredentials {

    private final String peerToken;

    RelayCredentials(String peerToken) {
        this.peerToken = peerToken == null || peerToken.isBlank() ? null : peerToken.trim();
    }

    /** The {@code Authorization} header value a relayed request carries, or empty when no peer token is set. */
    public Optional<String> authorization() {
        return Optional.ofNullable(peerToken).map(token -> "Bearer " + token);
    }
}
