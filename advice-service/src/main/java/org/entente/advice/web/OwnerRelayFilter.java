package org.entente.advice.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.entente.advice.stream.AdviceQueries;
import org.entente.security.RelayCredentials;
import org.entente.support.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * With several instances, each hosts the state of some assessments. A request for an assessment's advice or report
 * that reaches an instance not hosting it is relayed to the one that does (once: a relayed request is always answered
 * where it lands). Everything else passes through.
 *
 * <p>The filter runs after Spring Security's (see {@code WebConfiguration}), so only a caller this instance has
 * already allowed is relayed for. The relayed request carries the peer token when one is configured, otherwise the
 * caller's own {@code Authorization} header ({@link RelayCredentials}); a page also carries who is signed in here
 * ({@link SignedIn}), so the owner can show the person, not the peer. A caller signed in with a session, with no peer
 * token configured, cannot be relayed for: the answer says so (503) rather than pass on the owner's refusal, and an
 * owner that refuses the credentials sent is reported as a 502 naming the setting to fix.
 */
public class OwnerRelayFilter extends OncePerRequestFilter {

    static final String RELAYED = "X-Entente-Relayed";
    private static final Pattern ASSESSMENT_PATH = Pattern.compile("^/(?:api/)?assessments/([^/]+)(?:/advice)?$");
    private static final Logger log = LoggerFactory.getLogger(OwnerRelayFilter.class);

    private final AdviceQueries queries;
    private final RelayCredentials credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public OwnerRelayFilter(AdviceQueries queries, RelayCredentials credentials) {
        this.queries = queries;
        this.credentials = credentials;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = ASSESSMENT_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        Optional<HostInfo> owner = Optional.empty();
        if ("GET".equals(request.getMethod()) && request.getHeader(RELAYED) == null && path.matches()) {
            try {
                owner = queries.remoteOwner(path.group(1));
            } catch (InvalidStateStoreException | IllegalStateException e) {
                owner = Optional.empty(); // not running yet: answer locally, which says so
            }
        }
        if (owner.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        relay(owner.get(), request, response);
    }

    private void relay(HostInfo owner, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> authorization = credentials.authorization(request);
        if (authorization.isEmpty()) {
            refuse(request, response, HttpStatus.SERVICE_UNAVAILABLE, "This assessment is hosted by another instance ("
                    + owner + "), and there are no credentials to ask it with: configure the same ENTENTE_PEER_TOKEN"
                    + " on every instance.");
            return;
        }
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        URI target = URI.create("http://" + owner.host() + ":" + owner.port() + request.getRequestURI() + query);
        HttpRequest.Builder relayed = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).header(RELAYED,
                "1").header("Authorization", authorization.get());
        SignedIn.of(request).ifPresent(caller -> caller.describeTo(relayed));
        String accept = request.getHeader("Accept");
        if (accept != null) {
            relayed.header("Accept", accept);
        }
        try {
            HttpResponse<byte[]> answer = http.send(relayed.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() == 401 || answer.statusCode() == 403) {
                log.warn("{} refused a request relayed to it ({}): are the instances' peer tokens the same?", owner,
                        answer.statusCode());
                refuse(request, response, HttpStatus.BAD_GATEWAY, "The instance hosting this assessment (" + owner
                        + ") refused the relayed request (" + answer.statusCode() + "): configure the same "
                        + "ENTENTE_PEER_TOKEN on every instance.");
                return;
            }
            response.setStatus(answer.statusCode());
            answer.headers().firstValue("Content-Type").ifPresent(response::setContentType);
            response.getOutputStream().write(answer.body());
        } catch (IOException e) {
            log.warn("Could not relay {} to {}: {}", request.getRequestURI(), owner, e.getMessage());
            response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "the instance hosting this assessment is unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
    }

    /** An error as problem+json ({@link Problems}) for the API, as a short page for a browser. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            String message) throws IOException {
        response.setStatus(status.value());
        response.setCharacterEncoding("UTF-8");
        String accept = request.getHeader("Accept");
        if (!request.getRequestURI().contains("/api/") && accept != null && accept.contains("text/html")) {
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                    + status.getReasonPhrase() + " · Entente</title></head><body><main><h1>"
                    + status.getReasonPhrase() + "</h1><p>" + HtmlUtils.htmlEscape(message) + "</p></main></body></html>");
            return;
        }
        Problems.write(request, response, Problems.of(status, message));
    }
}
