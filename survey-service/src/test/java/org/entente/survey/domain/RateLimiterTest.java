package org.entente.survey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The token buckets behind the respondent form's limits, on a clock the test moves by hand. */
class RateLimiterTest {

    /** A clock that only moves when told to. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T09:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void a_key_gets_its_limit_at_once_then_waits_for_tokens_to_refill() {
        RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1), 100, clock);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("link-a").allowed()).isTrue();
        }
        RateLimiter.Decision refused = limiter.acquire("link-a");
        assertThat(refused.allowed()).isFalse();
        // Three per minute: one token every 20 seconds.
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(refused.retryAfterSeconds()).isEqualTo(20);
        assertThat(limiter.acquire("link-b").allowed()).as("other keys are not affected").isTrue();

        clock.advance(Duration.ofSeconds(19));
        assertThat(limiter.acquire("link-a").allowed()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.acquire("link-a").allowed()).isTrue();
        assertThat(limiter.acquire("link-a").allowed()).isFalse();
    }

    @Test
    void refused_requests_do_not_use_up_tokens_and_waiting_never_saves_more_than_the_limit() {
        RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(10), 100, clock);
        limiter.acquire("k");
        limiter.acquire("k");
        for (int i = 0; i < 50; i++) {
            assertThat(limiter.acquire("k").allowed()).isFalse();
        }
        clock.advance(Duration.ofSeconds(5));
        assertThat(limiter.acquire("k").allowed()).isTrue();

        clock.advance(Duration.ofHours(1));
        assertThat(limiter.acquire("k").allowed()).isTrue();
        assertThat(limiter.acquire("k").allowed()).isTrue();
        assertThat(limiter.acquire("k").allowed()).isFalse();
    }

    @Test
    void retry_after_is_at_least_a_second() {
        RateLimiter limiter = new RateLimiter(1000, Duration.ofSeconds(1), 100, clock);
        for (int i = 0; i < 1000; i++) {
            limiter.acquire("k");
        }
        RateLimiter.Decision refused = limiter.acquire("k");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(1));
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void idle_keys_are_forgotten() {
        RateLimiter limiter = new RateLimiter(5, Duration.ofMinutes(1), 1000, clock);
        for (int i = 0; i < 200; i++) {
            limiter.acquire("address-" + i);
        }
        assertThat(limiter.trackedKeys()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));
        limiter.acquire("newcomer");

        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }

    @Test
    void at_capacity_newcomers_share_one_bucket_until_keys_go_idle() {
        RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), 10, clock);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.acquire("busy-" + i).allowed()).isTrue();
            if (i > 0) {
                assertThat(limiter.acquire("busy-" + i).allowed()).isTrue();
            }
        }

        assertThat(limiter.acquire("new-1").allowed()).isTrue();
        assertThat(limiter.acquire("new-2").allowed()).isTrue();
        assertThat(limiter.acquire("new-3").allowed()).as("the shared bucket is used up").isFalse();
        assertThat(limiter.acquire("busy-0").allowed()).as("known keys keep their own bucket").isTrue();
        assertThat(limiter.trackedKeys()).isEqualTo(11);

        // Half a minute later every bucket has refilled one of its two tokens: not idle, so all are kept.
        clock.advance(Duration.ofSeconds(30));
        assertThat(limiter.acquire("new-4").allowed()).isTrue();
        assertThat(limiter.acquire("new-4").allowed()).as("still the shared bucket").isFalse();
        assertThat(limiter.trackedKeys()).isEqualTo(11);

        // Once they are idle (full again) they are dropped and newcomers get their own buckets.
        clock.advance(Duration.ofMinutes(2));
        assertThat(limiter.acquire("new-5").allowed()).isTrue();
        assertThat(limiter.acquire("new-5").allowed()).isTrue();
        assertThat(limiter.acquire("new-5").allowed()).isFalse();
        assertThat(limiter.acquire("new-6").allowed()).isTrue();
        assertThat(limiter.trackedKeys()).isEqualTo(2);
    }

    @Test
    void a_limit_of_zero_means_no_limit() {
        RateLimiter limiter = new RateLimiter(0, Duration.ofMinutes(1), 1, clock);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.acquire("k" + i).allowed()).isTrue();
        }
        assertThat(limiter.isUnlimited()).isTrue();
        assertThat(limiter.trackedKeys()).isZero();
    }
}
