package org.entente.support.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The relay's behaviour at the edges, on a real web server with the real security: what a caller gets when the owner
 * is unreachable, refuses, or is not known yet; that a relayed request carries the relay header and the peer token
 * and is never relayed again; and that a request claiming to be relayed without the peer token is refused. The other
 * instance is a small HTTP server in the test, so what reaches it can be checked.
 */
class OwnerRelayTest {

    static final String ADMIN = "Bearer relay-test-admin-token";
    static final String PEER = "Bearer relay-test-peer-token";

    /** Another instance: answers every request with {@link #status} and remembers the headers it got. */
    static final class OtherInstance implements AutoCloseable {
        final List<Map<String, List<String>>> received = new CopyOnWriteArrayList<>();
        final HttpServer server;
        volatile int status = 200;

        OtherInstance() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                headers.putAll(exchange.getRequestHeaders());
                received.add(headers);
                byte[] body = ("{\"answeredBy\":\"owner\",\"path\":\"" + exchange.getRequestURI() + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        HostInfo host() {
            return new HostInfo("127.0.0.1", server.getAddress().getPort());
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    abstract static class Running {
        @LocalServerPort
        int port;

        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        OtherInstance other;

        @BeforeEach
        void startOther() throws IOException {
            other = new OtherInstance();
        }

        @AfterEach
        void stopOther() {
            other.close();
            RelaySampleApplication.owners = key -> Owner.HERE;
        }

        HttpResponse<String> get(String path, String authorization, String... headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", "application/json").header("Authorization", authorization);
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        static void assertProblem(HttpResponse<String> response, int status, String... detail) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"status\":" + status, "\"title\":", "\"instance\":\"/api/things/")
                    .contains(detail);
        }
    }

    @Nested
    @SpringBootTest(classes = RelaySampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"entente.api-token=relay-test-admin-token", "entente.peer-token=relay-test-peer-token",
                    "entente.relay.connect-timeout=1s", "entente.relay.read-timeout=2s",
                    "entente.relay.retry-after=3s"})
    class WithThePeerToken extends Running {

        @Test
        void aKeyHeldHereIsAnsweredHere() throws Exception {
            HttpResponse<String> answer = get("/api/things/k1", ADMIN);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"answeredBy\":\"here\"");
            assertThat(other.received).isEmpty();
        }

        @Test
        void aKeyHeldElsewhereIsRelayedOnceWithTheRelayHeaderAndThePeerToken() throws Exception {
            RelaySampleApplication.owners = key -> new Owner.There(other.host());
            HttpResponse<String> answer = get("/api/things/k%201?x=1", ADMIN);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"answeredBy\":\"owner\"", "/api/things/k%201?x=1");
            assertThat(other.received).singleElement().satisfies(headers -> {
                assertThat(headers.get(OwnerRelay.RELAYED_HEADER)).containsExactly("1");
                assertThat(headers.get("Authorization")).containsExactly(PEER);
                assertThat(headers.get(SignedIn.NAME_HEADER)).containsExactly("api-token");
            });
        }

        @Test
        void anUnreachableOwnerIsA502ProblemJson() throws Exception {
            int closed;
            try (ServerSocket socket = new ServerSocket(0)) {
                closed = socket.getLocalPort();
            }
            RelaySampleApplication.owners = key -> new Owner.There(new HostInfo("127.0.0.1", closed));
            assertProblem(get("/api/things/k1", ADMIN), 502, "did not answer");
        }

        @Test
        void anOwnerThatRefusesThePeerTokenIsA502NamingTheSetting() throws Exception {
            RelaySampleApplication.owners = key -> new Owner.There(other.host());
            other.status = 401;
            assertProblem(get("/api/things/k1", ADMIN), 502, "refused", "ENTENTE_PEER_TOKEN");
        }

        @Test
        void whileTheOwnerIsNotKnownTheAnswerIsA503WithRetryAfter() throws Exception {
            RelaySampleApplication.owners = key -> {
                throw RelayProblem.ownerUnknown("rebalancing; try again shortly", Duration.ofSeconds(3));
            };
            HttpResponse<String> answer = get("/api/things/k1", ADMIN);
            assertProblem(answer, 503, "rebalancing");
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("3");
        }

        @Test
        void aRelayedRequestIsNeverRelayedAgain() throws Exception {
            RelaySampleApplication.owners = key -> new Owner.There(other.host());
            HttpResponse<String> moved = get("/api/things/k1", PEER, OwnerRelay.RELAYED_HEADER, "1");
            assertProblem(moved, 503, "moved to another instance");
            assertThat(moved.headers().firstValue("Retry-After")).hasValue("3");
            assertThat(other.received).as("nothing was relayed on").isEmpty();

            RelaySampleApplication.owners = key -> Owner.HERE;
            HttpResponse<String> here = get("/api/things/k1", PEER, OwnerRelay.RELAYED_HEADER, "1");
            assertThat(here.statusCode()).isEqualTo(200);
            assertThat(here.body()).contains("\"answeredBy\":\"here\"");
        }

        @Test
        void aRelayedRequestWithoutThePeerTokenIsRefused() throws Exception {
            HttpResponse<String> refused = get("/api/things/k1", ADMIN, OwnerRelay.RELAYED_HEADER, "1");
            assertProblem(refused, 403, "peer token");
            assertThat(refused.body()).doesNotContain("answeredBy");
        }
    }

    @Nested
    @SpringBootTest(classes = RelaySampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "entente.api-token=relay-test-admin-token")
    class WithoutAPeerToken extends Running {

        @Test
        void nothingIsRelayedAndTheAnswerNamesTheSetting() throws Exception {
            RelaySampleApplication.owners = key -> new Owner.There(other.host());
            HttpResponse<String> answer = get("/api/things/k1", ADMIN);
            assertProblem(answer, 503, "ENTENTE_PEER_TOKEN");
            assertThat(other.received).isEmpty();
        }
    }
}
