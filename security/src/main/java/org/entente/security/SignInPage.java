package org.entente.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.WebAttributes;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page of every Entente service ({@code GET /login}), in place of Spring Security's generated one so
 * that it says which product and which service a person is signing in to ({@code spring.application.name}), and
 * meets WCAG 2.1 AA like the services' own pages: a language, a title, labelled fields, an error announced to
 * screen readers, contrast of at least 4.5:1. It shows the form when users are configured and one link per OIDC
 * provider when providers are; {@code ?error} and {@code ?logout} add a line saying what happened.
 *
 * <p>It only draws the page: the form posts to Spring Security's own {@code POST /login}, the links start Spring
 * Security's OIDC flow. Not done yet: translations, and a product logo beyond the favicon.
 */
final class SignInPage extends OncePerRequestFilter {

    private static final String STYLE = """
            body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;background:#f5f6fa;\
            color:#1d2433;line-height:1.5}
            main{max-width:26rem;margin:4rem auto;padding:2rem;background:#fff;border:1px solid #d9dde7;\
            border-radius:12px}
            .product{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:.85rem;font-weight:700;\
            color:#4a5468}
            h1{margin:.2rem 0 1.2rem;font-size:1.6rem}
            label{display:block;font-weight:600;margin:.9rem 0 .3rem}
            input{box-sizing:border-box;width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #6b7387;\
            border-radius:8px}
            button,.provider{display:block;width:100%;box-sizing:border-box;margin-top:1.4rem;padding:.7rem;\
            font:inherit;font-weight:600;text-align:center;border:0;border-radius:8px;background:#2f5bd3;\
            color:#fff;cursor:pointer;text-decoration:none}
            :focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
            .message{padding:.6rem .8rem;border-radius:8px;margin:0 0 1rem}
            .message.error{background:#fdecea;color:#8f1c13;border-left:4px solid #b42318}
            .message.info{background:#e6edff;color:#1d3c8f;border-left:4px solid #2f5bd3}
            """;

    private final String service;
    private final boolean form;
    private final ClientRegistrationRepository providers;

    /**
     * @param service   the service's name, {@code spring.application.name}
     * @param form      whether users sign in with a name and password
     * @param providers the OIDC providers, or null when there are none
     */
    SignInPage(String service, boolean form, ClientRegistrationRepository providers) {
        this.service = service;
        this.form = form;
        this.providers = providers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"GET".equals(request.getMethod()) || !"/login".equals(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(html(request));
    }

    private String html(HttpServletRequest request) {
        String name = HtmlUtils.htmlEscape(service);
        StringBuilder page = new StringBuilder()
                .append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Sign in · ").append(name).append(" · Entente</title>")
                .append("<link rel=\"icon\" href=\"").append(request.getContextPath()).append("/favicon.ico\">")
                .append("<style>").append(STYLE).append("</style></head><body><main>")
                .append("<p class=\"product\">Entente</p>")
                .append("<h1>Sign in to ").append(name).append("</h1>");
        if (request.getParameter("error") != null) {
            page.append("<p class=\"message error\" role=\"alert\" id=\"sign-in-error\">")
                    .append(HtmlUtils.htmlEscape(failure(request))).append("</p>");
        } else if (request.getParameter("logout") != null) {
            page.append("<p class=\"message info\" role=\"status\" id=\"signed-out\">You have been signed out.</p>");
        }
        if (form) {
            page.append("<form method=\"post\" action=\"").append(request.getContextPath()).append("/login\">")
                    .append("<label for=\"username\">Name</label>")
                    .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus>")
                    .append("<label for=\"password\">Password</label>")
                    .append("<input id=\"password\" name=\"password\" type=\"password\"")
                    .append(" autocomplete=\"current-password\" required>")
                    .append(Refusals.csrfField(request))
                    .append("<button type=\"submit\">Sign in</button></form>");
        }
        for (ClientRegistration provider : oidcProviders()) {
            page.append("<a class=\"provider\" href=\"").append(request.getContextPath())
                    .append("/oauth2/authorization/").append(HtmlUtils.htmlEscape(provider.getRegistrationId()))
                    .append("\">Sign in with ").append(HtmlUtils.htmlEscape(provider.getClientName())).append("</a>");
        }
        return page.append("</main></body></html>").toString();
    }

    private List<ClientRegistration> oidcProviders() {
        List<ClientRegistration> registrations = new ArrayList<>();
        if (providers instanceof Iterable<?> iterable) {
            for (Object registration : iterable) {
                registrations.add((ClientRegistration) registration);
            }
        }
        return registrations;
    }

    /** What went wrong at the last attempt, without saying whether the name exists. */
    private static String failure(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object last = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (last instanceof AuthenticationException failure && !(failure instanceof BadCredentialsException)
                && failure.getMessage() != null) {
            return "Signing in did not work: " + failure.getMessage();
        }
        return "That name and password did not match. Please try again.";
    }

}
