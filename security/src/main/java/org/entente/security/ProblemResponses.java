package org.entente.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 {@code application/problem+json} body straight onto a servlet response, for the code that
 * answers before any controller does (security's refusals, a filter such as a rate limit or a relay). Controllers
 * and the error page answer through Spring MVC instead ({@code org.entente.support.problem} in service-support); the
 * JSON is the same: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance} when set, and any
 * extra members (such as {@code fields}) at the top level.
 */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    private ProblemResponses() {
    }

    /**
     * Sets the status and writes {@code problem}. No {@code instance} is added: a path may hold a secret (a
     * respondent's link token), and a filter cannot tell; set one on {@code problem} when it is safe to repeat.
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(JSON.writeValueAsString(problem));
    }
}
