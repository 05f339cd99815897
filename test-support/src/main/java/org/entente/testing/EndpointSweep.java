package org.entente.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The endpoints a running service answers, as the application itself lists them (every request-mapping handler
 * mapping in its context: the controllers, Actuator, the OpenAPI document), and a sweep that calls each one with the
 * same credentials. The access tests use it, so an endpoint added tomorrow is swept without anyone writing it down.
 *
 * <p>Path variables are filled with {@code sample}; a mapping without a method is tried with GET and POST. A POST
 * carries an empty JSON object, as a careless or hostile caller would send.
 */
public final class EndpointSweep {

    /** One endpoint: an HTTP method and the path pattern as mapped, with the concrete path the sweep calls. */
    public record Endpoint(String method, String pattern, String path) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /** What one call answered. */
    public record Answer(Endpoint endpoint, int status, String body) {
        @Override
        public String toString() {
            return endpoint + " -> " + status + " " + (body.length() > 160 ? body.substring(0, 160) + "…" : body);
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{\\*?[^}/]+}");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private EndpointSweep() {
    }

    /** Every endpoint the application maps, sorted by path then method. */
    public static List<Endpoint> endpoints(ApplicationContext context) {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                List<String> names = methods.isEmpty() ? List.of("GET", "POST")
                        : methods.stream().map(RequestMethod::name).toList();
                for (String pattern : info.getPatternValues()) {
                    for (String method : names) {
                        endpoints.add(new Endpoint(method, pattern, concrete(pattern)));
                    }
                }
            }
        }
        List<Endpoint> sorted = new ArrayList<>(endpoints);
        sorted.sort(Comparator.comparing(Endpoint::pattern).thenComparing(Endpoint::method));
        return sorted;
    }

    static String concrete(String pattern) {
        return VARIABLE.matcher(pattern).replaceAll("sample").replace("/**", "/sample").replace("/*", "/sample");
    }

    /**
     * Calls every endpoint on {@code baseUrl} (such as {@code http://127.0.0.1:PORT}) with this {@code Authorization}
     * header, or none when it is null, asking for JSON.
     */
    public static List<Answer> sweep(String baseUrl, List<Endpoint> endpoints, String authorization) {
        List<Answer> answers = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            answers.add(call(baseUrl, endpoint, authorization, "application/json"));
        }
        return answers;
    }

    public static Answer call(String baseUrl, Endpoint endpoint, String authorization, String accept) {
        HttpRequest.BodyPublisher body = "GET".equals(endpoint.method()) || "HEAD".equals(endpoint.method())
                || "DELETE".equals(endpoint.method()) ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + endpoint.path()))
                .timeout(Duration.ofSeconds(10)).header("Accept", accept).method(endpoint.method(), body);
        if (body != HttpRequest.BodyPublishers.noBody()) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(endpoint, response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(endpoint + " could not be called: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + endpoint, e);
        }
    }
}
