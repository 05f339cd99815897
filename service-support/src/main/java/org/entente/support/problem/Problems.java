package org.entente.support.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.entente.security.ProblemResponses;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The one error shape of every Entente service: an RFC 9457 {@code application/problem+json} body (Spring's
 * {@link ProblemDetail}) with {@code type}, {@code title} (the status's reason phrase), {@code status},
 * {@code detail} (what went wrong, in words a caller can act on), {@code instance} (the path asked for; not from a
 * filter, see {@link ProblemResponses}) and, when
 * fields of the request are at fault, {@code fields}: each such field's name and what is wrong with it.
 *
 * <p>A service's own exception handlers answer with {@link #answer}; a filter writes with {@link #write}; everything
 * else reaches {@link ProblemErrorController}. This class has no notion of localized messages.
 */
public final class Problems {

    /** The member naming each field at fault, e.g. {@code "fields":{"answers":"must have 20 answers"}}. */
    public static final String FIELDS = "fields";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }

    /** A problem naming the fields at fault (in the order given); no {@code fields} member when there are none. */
    public static ProblemDetail of(HttpStatusCode status, String detail, Map<String, String> fields) {
        ProblemDetail problem = of(status, detail);
        if (fields != null && !fields.isEmpty()) {
            problem.setProperty(FIELDS, new LinkedHashMap<>(fields));
        }
        return problem;
    }

    /** The answer of an exception handler: the problem as {@code application/problem+json}. */
    public static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    public static ResponseEntity<ProblemDetail> answer(HttpStatusCode status, String detail) {
        return answer(of(status, detail));
    }

    public static ResponseEntity<ProblemDetail> answer(HttpStatusCode status, String detail,
            Map<String, String> fields) {
        return answer(of(status, detail, fields));
    }

    /** Writes the problem straight onto the response, for a filter that answers before any controller. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        ProblemResponses.write(request, response, problem);
    }
}
