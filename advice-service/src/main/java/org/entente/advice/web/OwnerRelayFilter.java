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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With several instances, each hosts the state of some assessments. A request for an assessment's advice or report
 * that reaches an instance not hosting it is relayed to the one that does (once: a relayed request is always answered
 * where it lands). Everything else passes through.
 */
@Component
public class OwnerRelayFilter extends OncePerRequestFilter {

    static final String RELAYED = "X-Entente-Relayed";
    private static final Pattern ASSESSMENT_PATH = Pattern.compile("^/(?:api/)?assessments/([^/]+)(?:/advice)?$");
    private static final Logger log = LoggerFactory.getLogger(OwnerRelayFilter.class);

    private final AdviceQueries queries;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public OwnerRelayFilter(AdviceQueries queries) {
        this.queries = queries;
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
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        URI target = URI.create("http://" + owner.host() + ":" + owner.port() + request.getRequestURI() + query);
        HttpRequest.Builder relayed = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).header(RELAYED,
                "1");
        String accept = request.getHeader("Accept");
        if (accept != null) {
            relayed.header("Accept", accept);
        }
        try {
            HttpResponse<byte[]> answer = http.send(relayed.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
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
}
