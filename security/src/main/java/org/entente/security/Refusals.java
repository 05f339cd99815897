package org.entente.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes a refusal the way a caller can act on it: an RFC 9457 {@code application/problem+json} body (the shape of
 * every other Entente error, see {@link ProblemResponses}) for programs, a short page for a person in a browser. The body says what was missing or who the caller is and which
 * roles the request needs, and never repeats a credential.
 */
final class Refusals {

    private Refusals() {
    }

    /** A request from a browser asking for a page, rather than a program calling an API. */
    static boolean wantsPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/v3/api-docs")) {
            return false;
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String message)
            throws IOException {
        response.setStatus(status.value());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (wantsPage(request)) {
            response.setContentType("text/html;charset=UTF-8");
            String text = HtmlUtils.htmlEscape(message);
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                    + status.value() + " " + status.getReasonPhrase() + " · Entente</title></head><body>"
                    + "<main><h1>" + status.getReasonPhrase() + "</h1><p>" + text + "</p>"
                    + "<form method=\"post\" action=\"" + request.getContextPath() + "/logout\">" + csrfField(request)
                    + "<button type=\"submit\">Sign in as someone else</button></form></main></body></html>");
            return;
        }
        ProblemResponses.write(request, response, ProblemDetail.forStatusAndDetail(status, message));
    }

    /** "signed in as sales (Sales viewer)". */
    static String who(Authentication authentication) {
        Set<Role> roles = Role.heldBy(authentication);
        return authentication.getName() + " (" + (roles.isEmpty() ? "no Entente role"
                : roles.stream().map(Role::title).collect(Collectors.joining(", "))) + ")";
    }

    static String titles(Set<Role> roles) {
        return roles.stream().sorted().map(Role::title).collect(Collectors.joining(" or "));
    }

    /** The hidden field that carries the session's CSRF token in a form we write ourselves. */
    static String csrfField(HttpServletRequest request) {
        Object token = request.getAttribute("_csrf");
        if (token instanceof org.springframework.security.web.csrf.CsrfToken csrf) {
            return "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName()) + "\" value=\""
                    + HtmlUtils.htmlEscape(csrf.getToken()) + "\">";
        }
        return "";
    }
}
