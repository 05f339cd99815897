package org.entente.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few HTTP calls the system tests make, with JSON bodies read as trees (the contracts, not the services' classes).
 * Calls carry the admin bearer token the containers were given ({@link #API_TOKEN}, new for every run) unless they
 * are made {@link #anonymous anonymously}.
 */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The static admin token every service container of this run accepts (ENTENTE_API_TOKEN). */
    static final String API_TOKEN = "system-test-" + java.util.UUID.randomUUID();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private Http() {
    }

    static Reply get(URI uri) {
        return send(authorized(HttpRequest.newBuilder(uri).GET()));
    }

    static Reply post(URI uri, Object body) {
        return send(authorized(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))));
    }

    /** A call without credentials, as a stranger on the network would make it. */
    static Reply anonymous(String method, URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .header("Content-Type", "application/json").method(method,
                        "GET".equals(method) ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}")));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + API_TOKEN);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
