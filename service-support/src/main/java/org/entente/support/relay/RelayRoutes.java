package org.entente.support.relay;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The GET requests a service answers from the instance that owns a key, and where the key is in each: a path pattern
 * ({@code /api/assessments/{id}/score}), the state store that holds the answer, and how to read the key (a path
 * variable or a query parameter). A service declares its routes as a bean; {@link OwnerRelayFilter} relays the
 * matching requests. Requests no route names are always answered where they land.
 *
 * <p>Keys are strings serialized as Kafka's {@code StringSerializer} does, which is how every Entente store is keyed.
 */
public final class RelayRoutes {

    /** Reads a request's key; null when the request carries none (then it is answered locally, and refused there). */
    @FunctionalInterface
    public interface KeyOf {
        String of(HttpServletRequest request, Map<String, String> pathVariables);

        static KeyOf pathVariable(String name) {
            return (request, variables) -> variables.get(name);
        }

        /** The query parameter as sent. */
        static KeyOf parameter(String name) {
            return (request, variables) -> request.getParameter(name);
        }

        /** The query parameter trimmed, or {@code fallback} when it is absent or blank (a page with a default). */
        static KeyOf parameter(String name, String fallback) {
            return (request, variables) -> Optional.ofNullable(request.getParameter(name))
                    .filter(value -> !value.isBlank()).map(String::trim).orElse(fallback);
        }
    }

    /** One relayed request: its pattern, the store holding the answer, where its key is. */
    public record Route(PathPattern pattern, String store, KeyOf key) {
    }

    /** A request that matched a route, with its key. */
    public record Match(String store, String key) {
    }

    private final List<Route> routes;

    private RelayRoutes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static RelayRoutes none() {
        return new RelayRoutes(List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Route> routes() {
        return routes;
    }

    /** The route a GET request takes, with its key; empty when no route matches or the request has no key. */
    public Optional<Match> match(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return Optional.empty();
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI()
                .substring(request.getContextPath().length()));
        for (Route route : routes) {
            PathPattern.PathMatchInfo matched = route.pattern().matchAndExtract(path);
            if (matched != null) {
                String key = route.key().of(request, matched.getUriVariables());
                return key == null ? Optional.empty() : Optional.of(new Match(route.store(), key));
            }
        }
        return Optional.empty();
    }

    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {
        }

        /** GET requests matching {@code pattern} are answered by the instance owning their key in {@code store}. */
        public Builder get(String pattern, String store, KeyOf key) {
            routes.add(new Route(PathPatternParser.defaultInstance.parse(pattern), store, key));
            return this;
        }

        public RelayRoutes build() {
            return new RelayRoutes(routes);
        }
    }
}
