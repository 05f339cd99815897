package org.entente.survey.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.entente.support.problem.Problems;
import org.entente.survey.domain.RateLimiter;
import org.entente.survey.domain.Tokens;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the respondent form, the one thing anyone may call without credentials: requests to {@code /r/{token}}
 * (showing and sending the form) and {@code /r/{token}/thanks} count against the link and against the client's
 * address, and once either has used up its allowance the answer is 429 with {@code Retry-After} and a plain
 * explanation (a short page for a browser, problem+json otherwise). Links are tracked by the hash of their token, so the
 * limiter's memory holds no usable link.
 *
 * <p>The address is {@link HttpServletRequest#getRemoteAddr()}. Behind a proxy that is the proxy's address, so all
 * respondents share one allowance; the {@code X-Forwarded-For} header is deliberately not read here, because any
 * client can write it. Set {@code server.forward-headers-strategy} (native or framework) when the service runs
 * behind a trusted proxy, and {@code getRemoteAddr()} then gives the client's address.
 */
public class RespondentRateLimit extends OncePerRequestFilter {

    private static final Pattern FORM_PATH = Pattern.compile("/r/([^/]+)(/thanks)?/?");

    private final RateLimiter perLink;
    private final RateLimiter perAddress;

    public RespondentRateLimit(RateLimiter perLink, RateLimiter perAddress) {
        this.perLink = perLink;
        this.perAddress = perAddress;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !FORM_PATH.matcher(path(request)).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher matcher = FORM_PATH.matcher(path(request));
        if (!matcher.matches()) {
            chain.doFilter(request, response);
            return;
        }
        RateLimiter.Decision byAddress = perAddress.acquire(request.getRemoteAddr());
        if (!byAddress.allowed()) {
            refuse(request, response, byAddress, "Too many requests have come from your network in a short time.");
            return;
        }
        RateLimiter.Decision byLink = perLink.acquire(Tokens.hash(matcher.group(1)));
        if (!byLink.allowed()) {
            refuse(request, response, byLink, "This link has been opened or sent too often in a short time.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response,
            RateLimiter.Decision decision, String reason) throws IOException {
        long seconds = decision.retryAfterSeconds();
        String advice = "Nothing was saved. Please wait " + (seconds == 1 ? "a second" : seconds + " seconds")
                + " and try again.";
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/html")) {
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + "<title>Please wait a moment · Entente</title><link rel=\"stylesheet\" href=\""
                    + request.getContextPath() + "/css/survey.css\"></head><body>"
                    + "<header class=\"banner\"><span class=\"brand\">Entente</span></header>"
                    + "<main class=\"page narrow\"><section class=\"card problem\" id=\"problem\">"
                    + "<h1>Please wait a moment</h1><p>" + reason + " " + advice + "</p></section></main>"
                    + "</body></html>");
            return;
        }
        Problems.write(request, response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, reason + " " + advice));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
