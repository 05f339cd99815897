package org.entente.support.relay;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * Why a query could not be answered by the instance that owns its key: 503 (with a {@code Retry-After}) while the
 * owner is not known (starting, rebalancing) or no peer token is configured to ask it with, 502 when the owner is
 * unreachable, times out, or refuses the relayed request; 403 for a request that says it was relayed and does not
 * come from a peer. {@link OwnerRelay} writes it as RFC 9457
 * {@code application/problem+json} (a short page for a browser asking for one).
 */
public class RelayProblem extends RuntimeException {

    private final HttpStatus status;
    private final Duration retryAfter;

    private RelayProblem(HttpStatus status, String detail, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** 503: nobody can say yet which instance owns the key; asking again shortly will do. */
    public static RelayProblem ownerUnknown(String detail, Duration retryAfter) {
        return new RelayProblem(HttpStatus.SERVICE_UNAVAILABLE, detail, retryAfter);
    }

    /** 503 without a retry hint: this deployment cannot relay (the setting the detail names is missing). */
    public static RelayProblem cannotRelay(String detail) {
        return new RelayProblem(HttpStatus.SERVICE_UNAVAILABLE, detail, null);
    }

    /** 403: a request claims to be relayed by another instance, and its caller is not one (no peer token). */
    public static RelayProblem notAPeer(String detail) {
        return new RelayProblem(HttpStatus.FORBIDDEN, detail, null);
    }

    /** 502: the owner did not answer, or refused the relayed request. */
    public static RelayProblem badGateway(String detail) {
        return new RelayProblem(HttpStatus.BAD_GATEWAY, detail, null);
    }

    public HttpStatus status() {
        return status;
    }

    /** What the caller should wait before asking again, when waiting helps; otherwise null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
