package org.entente.support.relay;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Collectors;
import org.entente.security.ProgramCalls;
import org.entente.security.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Who a service's pages say is signed in ("signed in as sales (Sales viewer) · Sign out"), and the CSRF token the sign-out
 * form needs. A person signed in with a session gets the sign-out form; a program calling with a bearer token sees
 * its name only (there is nothing to sign out of).
 *
 * <p>A page relayed from another instance is rendered here for a caller that signed in over there: the relaying
 * instance sends the person's name, role and its own CSRF token in headers, which this instance believes only from a
 * caller holding the peer role (the peer token), never from anyone else. {@link OwnerRelay} sends these headers with
 * every relayed request.
 *
 * @param csrfParameter the sign-out form's CSRF field name, or null when there is no sign-out form
 */
public record SignedIn(String name, String role, String logoutPath, String csrfParameter, String csrfToken) {

    public static final String NAME_HEADER = "X-Entente-Signed-In";
    public static final String ROLE_HEADER = "X-Entente-Signed-In-Role";
    public static final String CSRF_HEADER = "X-Entente-Signed-In-Csrf";

    /** Whether the page can offer the sign-out form. */
    public boolean canSignOut() {
        return csrfToken != null;
    }

    /** The caller of this request as a page shows it, if anyone is signed in. */
    public static Optional<SignedIn> of(HttpServletRequest request) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        String logout = request.getContextPath() + "/logout";
        if (Role.heldBy(caller).contains(Role.PEER)) {
            String name = decode(request.getHeader(NAME_HEADER));
            if (name == null) {
                return Optional.of(new SignedIn(caller.getName(), roles(caller), logout, null, null));
            }
            String csrf = decode(request.getHeader(CSRF_HEADER));
            int equals = csrf == null ? -1 : csrf.indexOf('=');
            return Optional.of(new SignedIn(name, decode(request.getHeader(ROLE_HEADER)), logout,
                    equals < 0 ? null : csrf.substring(0, equals), equals < 0 ? null : csrf.substring(equals + 1)));
        }
        if (ProgramCalls.isProgramCall(request)) {
            return Optional.of(new SignedIn(caller.getName(), roles(caller), logout, null, null));
        }
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return Optional.of(new SignedIn(caller.getName(), roles(caller), logout,
                csrf == null ? null : csrf.getParameterName(), csrf == null ? null : csrf.getToken()));
    }

    /** Adds the headers that let the instance a page is relayed to show this caller. */
    public void describeTo(HttpRequest.Builder relayed) {
        relayed.header(NAME_HEADER, encode(name)).header(ROLE_HEADER, encode(role));
        if (canSignOut()) {
            relayed.header(CSRF_HEADER, encode(csrfParameter + "=" + csrfToken));
        }
    }

    private static String roles(Authentication caller) {
        String titles = Role.heldBy(caller).stream().map(Role::title).collect(Collectors.joining(", "));
        return titles.isEmpty() ? "no Entente role" : titles;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
