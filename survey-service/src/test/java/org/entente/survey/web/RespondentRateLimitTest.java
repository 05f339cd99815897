package org.entente.survey.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.entente.survey.domain.RateLimiter;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The respondent form's limits as a filter: per link and per client address, 429 with {@code Retry-After} and a
 * message (a page for browsers, JSON for programs), and nothing but the form's paths counted.
 */
class RespondentRateLimitTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void one_address_is_limited_across_links() throws Exception {
        RespondentRateLimit filter = new RespondentRateLimit(limiter(100), limiter(3));

        for (int i = 0; i < 3; i++) {
            assertThat(call(filter, "GET", "/r/link-" + i, "10.0.0.1", "text/html").getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = call(filter, "POST", "/r/link-9", "10.0.0.1", "text/html");

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("20");
        assertThat(refused.getContentType()).startsWith("text/html");
        assertThat(refused.getContentAsString()).contains("Please wait a moment").contains("your network")
                .contains("20 seconds");
        assertThat(call(filter, "GET", "/r/link-9", "10.0.0.2", "text/html").getStatus())
                .as("another address").isEqualTo(200);
    }

    @Test
    void one_link_is_limited_across_addresses_and_its_thanks_page_counts_too() throws Exception {
        RespondentRateLimit filter = new RespondentRateLimit(limiter(2), limiter(100));

        assertThat(call(filter, "GET", "/r/shared", "10.0.0.1", "text/html").getStatus()).isEqualTo(200);
        assertThat(call(filter, "GET", "/r/shared/thanks", "10.0.0.2", "text/html").getStatus()).isEqualTo(200);
        MockHttpServletResponse refused = call(filter, "POST", "/r/shared", "10.0.0.3", "application/json");

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("30");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"status\":429").contains("\"title\":\"Too Many Requests\"")
                .doesNotContain("shared\"") // the path holds the link's token: not repeated
                .contains("This link has been opened or sent too often");
        assertThat(call(filter, "GET", "/r/other", "10.0.0.3", "text/html").getStatus()).as("another link")
                .isEqualTo(200);
    }

    @Test
    void other_paths_are_not_counted() throws Exception {
        RespondentRateLimit filter = new RespondentRateLimit(limiter(1), limiter(1));

        for (String path : new String[] {"/", "/api/responses", "/assessments/a-1", "/r", "/r/a/b/c"}) {
            assertThat(call(filter, "GET", path, "10.0.0.1", "text/html").getStatus()).as(path).isEqualTo(200);
            assertThat(call(filter, "GET", path, "10.0.0.1", "text/html").getStatus()).as(path).isEqualTo(200);
        }
    }

    private RateLimiter limiter(int perMinute) {
        return new RateLimiter(perMinute, Duration.ofMinutes(1), 1000, clock);
    }

    private static MockHttpServletResponse call(RespondentRateLimit filter, String method, String path,
            String address, String accept) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(address);
        request.addHeader("Accept", accept);
        // Proxies' headers are not trusted: a forged one changes nothing.
        request.addHeader("X-Forwarded-For", "192.0.2." + System.nanoTime() % 200);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
