package org.entente.support.relay;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends each request that one of the service's {@link RelayRoutes} names to the instance owning its key, and lets
 * everything else through. It runs right after Spring Security's filters, so only a caller this instance has allowed
 * is relayed for, and the caller's roles are checked where the caller asked.
 *
 * <p>A request carrying {@link OwnerRelay#RELAYED_HEADER} must come from a peer (the {@link Role#PEER} role, given by
 * the peer token), or it is refused (403): the header makes an instance answer with what it holds and believe the
 * relayed signed-in person. A relayed request is answered where it lands and never relayed again; when the key has
 * moved away from this instance in between (a rebalance), the answer is a 503 with {@code Retry-After} rather than an
 * empty answer from a store that no longer holds the key.
 */
public final class OwnerRelayFilter extends OncePerRequestFilter {

    private static final StringSerializer KEYS = new StringSerializer();

    private final RelayRoutes routes;
    private final OwnerLookup owners;
    private final OwnerRelay relay;
    private final RelayProperties settings;

    public OwnerRelayFilter(RelayRoutes routes, OwnerLookup owners, OwnerRelay relay, RelayProperties settings) {
        this.routes = routes;
        this.owners = owners;
        this.relay = relay;
        this.settings = settings;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            if (!answerHere(request, response)) {
                return;
            }
        } catch (RelayProblem problem) {
            OwnerRelay.write(problem, request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** True when this instance answers; false when the request was relayed (the response is then written). */
    private boolean answerHere(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<RelayRoutes.Match> match = routes.match(request);
        if (OwnerRelay.isRelayed(request)) {
            if (!fromPeer()) {
                throw RelayProblem.notAPeer("only another instance of this service, with the peer token, may send "
                        + OwnerRelay.RELAYED_HEADER);
            }
            if (match.isPresent() && owner(match.get()) instanceof Owner.There) {
                throw RelayProblem.ownerUnknown("this moved to another instance while the request was relayed "
                        + "(rebalancing); try again shortly", settings.retryAfter());
            }
            return true;
        }
        if (match.isEmpty() || !(owner(match.get()) instanceof Owner.There there)) {
            return true;
        }
        relay.relay(there.host(), request, response);
        return false;
    }

    private Owner owner(RelayRoutes.Match match) {
        return owners.owner(match.store(), match.key(), KEYS);
    }

    private static boolean fromPeer() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && caller.isAuthenticated() && Role.heldBy(caller).contains(Role.PEER);
    }
}
