package org.entente.funnel.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 401 to a program that writes to the API ({@code POST /api/...}) with no credentials at all: no
 * {@code Authorization} header and no session. Without it the security module's CSRF check, which runs before
 * authentication, refuses such a request with a 403 about an expired form, which tells a program nothing about the
 * token it forgot. A request that carries a header or a session is left to the security module as before, and so is
 * everything outside {@code /api/}.
 *
 * <p>This is a stop-gap inside funnel-service: once the security module answers credential-less CSRF refusals with its
 * own 401, this filter can go.
 */
public class MissingCredentialsFilter extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final String MESSAGE = "this needs credentials: sign in, or send 'Authorization: Bearer <token>'";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/") || !WRITES.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean header = request.getHeader("Authorization") != null;
        boolean session = request.getRequestedSessionId() != null && request.isRequestedSessionIdValid();
        if (header || session) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"status\":401,\"error\":\"Unauthorized\",\"message\":\"" + MESSAGE + "\"}");
    }
}
