package org.entente.support.relay;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.entente.security.RelayCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of answering from the instance that owns a key, the same for every service:
 * <ul>
 * <li>{@link #relay} passes a GET request on to the owner, once: it carries {@link #RELAYED_HEADER}, the peer token
 * ({@link RelayCredentials}), the caller's {@code Accept}, and who is signed in here ({@link SignedIn}) so a relayed
 * page can name the person; the owner's status, content type and body come back as they are.</li>
 * <li>{@link #ask} fetches one instance's own part of an answer, for a service that gathers from every instance.</li>
 * <li>{@link #write} answers a {@link RelayProblem} as RFC 9457 {@code application/problem+json} (with
 * {@code Retry-After} when waiting helps), or as a short page for a browser that asked for one.</li>
 * </ul>
 * Timeouts come from {@link RelayProperties}. Without a peer token nothing is relayed (503 naming the setting); an
 * owner that refuses the peer token or does not answer in time is a 502.
 */
public final class OwnerRelay {

    /** Marks a request one instance relayed to another: it is answered where it lands, never relayed again. */
    public static final String RELAYED_HEADER = "X-Entente-Relayed";

    private static final Logger log = LoggerFactory.getLogger(OwnerRelay.class);
    private static final List<String> PASSED_BACK = List.of("Content-Type", "Retry-After", "Cache-Control");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RelayCredentials credentials;
    private final RelayProperties settings;
    private final HttpClient http;

    public OwnerRelay(RelayCredentials credentials, RelayProperties settings) {
        this.credentials = credentials;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    /** Whether another instance relayed this request here (whether it may have is {@link OwnerRelayFilter}'s check). */
    public static boolean isRelayed(HttpServletRequest request) {
        return request.getHeader(RELAYED_HEADER) != null;
    }

    /** Passes the request on to {@code owner} and copies the answer into {@code response}. */
    public void relay(HostInfo owner, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        HttpRequest.Builder relayed = peerRequest(owner, request.getRequestURI() + query);
        String accept = request.getHeader("Accept");
        relayed.header("Accept", accept == null ? "*/*" : accept);
        SignedIn.of(request).ifPresent(caller -> caller.describeTo(relayed));
        HttpResponse<byte[]> answer = send(owner, relayed.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.setStatus(answer.statusCode());
        for (String header : PASSED_BACK) {
            answer.headers().firstValue(header).ifPresent(value -> response.setHeader(header, value));
        }
        response.getOutputStream().write(answer.body());
    }

    /**
     * One instance's answer to {@code pathAndQuery} (already encoded), asked as a peer; the owner answers with what it
     * holds itself.
     *
     * @throws RelayProblem when it does not answer 200
     */
    public String ask(HostInfo instance, String pathAndQuery) {
        HttpRequest request = peerRequest(instance, pathAndQuery).header("Accept", "application/json").build();
        HttpResponse<String> answer = send(instance, request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw RelayProblem.badGateway("the instance at " + instance + " answered " + answer.statusCode());
        }
        return answer.body();
    }

    private HttpRequest.Builder peerRequest(HostInfo owner, String pathAndQuery) {
        String authorization = credentials.authorization().orElseThrow(() -> RelayProblem.cannotRelay(
                "another instance (" + owner + ") holds this, and there is no peer token to ask it with: configure "
                        + "the same ENTENTE_PEER_TOKEN on every instance"));
        return HttpRequest.newBuilder(URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery))
                .timeout(settings.readTimeout())
                .header(RELAYED_HEADER, "1")
                .header("Authorization", authorization)
                .GET();
    }

    private <T> HttpResponse<T> send(HostInfo owner, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        HttpResponse<T> answer;
        try {
            answer = http.send(request, body);
        } catch (IOException e) {
            log.warn("Could not relay {} to {}: {}", request.uri().getPath(), owner, e.toString());
            throw RelayProblem.badGateway("the instance holding this (" + owner + ") did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RelayProblem.badGateway("interrupted while asking the instance holding this (" + owner + ")");
        }
        if (answer.statusCode() == 401 || answer.statusCode() == 403) {
            log.warn("{} refused a request relayed to it ({}): are the instances' peer tokens the same?", owner,
                    answer.statusCode());
            throw RelayProblem.badGateway("the instance holding this (" + owner + ") refused the relayed request ("
                    + answer.statusCode() + "): configure the same ENTENTE_PEER_TOKEN on every instance");
        }
        return answer;
    }

    /** Answers {@code problem}: problem+json for programs, a short page for a browser asking for a page. */
    public static void write(RelayProblem problem, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.resetBuffer();
        response.setStatus(problem.status().value());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (problem.retryAfter() != null) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
        }
        String title = problem.status().getReasonPhrase();
        if (wantsPage(request)) {
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                    + title + " · Entente</title></head><body><main><h1>" + title + "</h1><p>"
                    + HtmlUtils.htmlEscape(problem.getMessage()) + "</p></main></body></html>");
            return;
        }
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        detail.setTitle(title);
        detail.setInstance(URI.create(request.getRequestURI()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", detail.getType() == null ? "about:blank" : detail.getType().toString());
        body.put("title", detail.getTitle());
        body.put("status", detail.getStatus());
        body.put("detail", detail.getDetail());
        body.put("instance", detail.getInstance().toString());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(JSON.writeValueAsString(body));
    }

    /** A browser asking for a page, rather than a program calling an API. */
    static boolean wantsPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accept = request.getHeader("Accept");
        return !path.startsWith("/api/") && accept != null && accept.contains("text/html");
    }
}
