package org.entente.survey.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a link, a client address): each key may make {@code limit} requests at once and then
 * {@code limit} per {@code window}, refilled evenly. The respondent form uses two, so that neither one link nor one
 * address can flood the service.
 *
 * <p>Memory stays bounded: a bucket that has refilled completely is the same as no bucket, so such idle buckets are
 * dropped (every {@code window}, and whenever {@code maxKeys} is reached). While {@code maxKeys} keys are all active,
 * newcomers share one bucket until some of them go idle: a flood of new keys slows down new callers instead of
 * taking the memory. A {@code limit} of 0 or less means no limit. The buckets live in one instance's memory: with
 * several instances each counts its own requests.
 */
public final class RateLimiter {

    /** Whether a request may go ahead, and if not how long until it would. */
    public record Decision(boolean allowed, Duration retryAfter) {

        static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        /** Whole seconds to wait, at least one: the value of a {@code Retry-After} header. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /** A key's tokens at a moment; replaced, never changed, so a concurrent clean-up removes only what it saw. */
    private record Bucket(double tokens, long atMillis) {
    }

    private static final String OVERFLOW = "\u0000overflow";
    private static final long CLEAN_UP_AT_CAPACITY_MILLIS = 1000;

    private final int limit;
    private final long windowMillis;
    private final int maxKeys;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastCleanUp;

    public RateLimiter(int limit, Duration window, int maxKeys, Clock clock) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive, not " + window);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("at least one key must be tracked, not " + maxKeys);
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.maxKeys = maxKeys;
        this.clock = clock;
        this.lastCleanUp = clock.millis();
    }

    public boolean isUnlimited() {
        return limit <= 0;
    }

    /** Takes one request from the key's bucket if there is one left. */
    public Decision acquire(String key) {
        if (isUnlimited()) {
            return Decision.ALLOWED;
        }
        long now = clock.millis();
        if (now - lastCleanUp >= windowMillis) {
            cleanUp(now);
        }
        String bucketKey = key;
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            if (now - lastCleanUp >= CLEAN_UP_AT_CAPACITY_MILLIS) {
                cleanUp(now);
            }
            if (buckets.size() >= maxKeys) {
                bucketKey = OVERFLOW;
            }
        }
        Decision[] decision = new Decision[1];
        buckets.compute(bucketKey, (k, bucket) -> {
            double tokens = bucket == null ? limit : refilled(bucket, now);
            if (tokens >= 1) {
                decision[0] = Decision.ALLOWED;
                return new Bucket(tokens - 1, now);
            }
            long waitMillis = (long) Math.ceil((1 - tokens) / perMilli());
            decision[0] = new Decision(false, Duration.ofMillis(waitMillis));
            return new Bucket(tokens, now);
        });
        return decision[0];
    }

    /** How many keys have a bucket now (for tests and metrics). */
    public int trackedKeys() {
        return buckets.size();
    }

    private void cleanUp(long now) {
        lastCleanUp = now;
        buckets.entrySet().removeIf(entry -> refilled(entry.getValue(), now) >= limit);
    }

    private double refilled(Bucket bucket, long now) {
        long elapsed = Math.max(0, now - bucket.atMillis());
        return Math.min(limit, bucket.tokens() + elapsed * perMilli());
    }

    private double perMilli() {
        return (double) limit / windowMillis;
    }
}
