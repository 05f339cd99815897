package org.entente.survey.domain;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per key (a link, a client address): each key may make {@code limit} requests at once and then
 * {@code limit} per {@code window}, refilled evenly. The respondent form uses two, so that neither one link nor one
 * address can flood the service. The buckets are Bucket4j's (greedy refill, on the given {@link Clock}); this class
 * only decides which keys have one.
 *
 * <p>Memory stays bounded: a bucket that has refilled completely is the same as no bucket, so such idle buckets are
 * dropped (every {@code window}, and whenever {@code maxKeys} is reached). While {@code maxKeys} keys are all active,
 * newcomers share one bucket until some of them go idle: a flood of new keys slows down new callers instead of
 * taking the memory. A {@code limit} of 0 or less means no limit. The buckets live in one instance's memory: with
 * several instances each counts its own requests.
 *
 * <p>Why not a size-bounded cache (Caffeine, an LRU map) for the keys: such a cache makes room by evicting, and
 * evicting a busy key forgets the tokens it has spent, so whoever cycles through {@code maxKeys} new keys would
 * reset every limit. Only full buckets carry nothing worth keeping, so only those are dropped.
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

    private static final String OVERFLOW = "\u0000overflow";
    private static final long CLEAN_UP_AT_CAPACITY_MILLIS = 1000;

    private final int limit;
    private final Duration window;
    private final int maxKeys;
    private final Clock clock;
    private final TimeMeter time;
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
        this.window = window;
        this.maxKeys = maxKeys;
        this.clock = clock;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
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
        if (now - lastCleanUp >= window.toMillis()) {
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
        // Taking the token inside compute() keeps a concurrent clean-up from dropping a bucket as it is used.
        ConsumptionProbe[] probe = new ConsumptionProbe[1];
        buckets.compute(bucketKey, (k, bucket) -> {
            Bucket used = bucket == null ? newBucket() : bucket;
            probe[0] = used.tryConsumeAndReturnRemaining(1);
            return used;
        });
        return probe[0].isConsumed() ? Decision.ALLOWED
                : new Decision(false, Duration.ofNanos(probe[0].getNanosToWaitForRefill()));
    }

    /** How many keys have a bucket now (for tests and metrics). */
    public int trackedKeys() {
        return buckets.size();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit).refillGreedy(limit, window))
                .withCustomTimePrecision(time)
                .build();
    }

    private void cleanUp(long now) {
        lastCleanUp = now;
        for (String key : buckets.keySet()) {
            buckets.computeIfPresent(key, (k, bucket) -> bucket.getAvailableTokens() >= limit ? null : bucket);
        }
    }
}
