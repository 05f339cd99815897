package org.entente.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits until a service on the host network reports {@code "status":"UP"} on {@code /actuator/health}.
 * (Testcontainers' own HTTP wait looks for mapped ports, which the host network does not have.)
 */
final class HealthWait extends AbstractWaitStrategy {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;

    HealthWait(int port) {
        this.port = port;
    }

    @Override
    protected void waitUntilReady() {
        awaitUp(port, startupTimeout);
    }

    static void awaitUp(int port, Duration timeout) {
        await("/actuator/health UP on port " + port).atMost(timeout).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> isUp(port));
    }

    static boolean isUp(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(3)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
    }
}
