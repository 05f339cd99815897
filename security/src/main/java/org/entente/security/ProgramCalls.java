package org.entente.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/**
 * Which calls are programs' calls: those that carry an {@code Authorization} header, valid or not. They go through a
 * security chain of their own ({@link EntenteSecurityConfiguration}: no session, no CSRF token, no sign-out), so a
 * page rendered for one names its caller without offering a sign-out form.
 */
public final class ProgramCalls {

    private ProgramCalls() {
    }

    public static boolean isProgramCall(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }
}
