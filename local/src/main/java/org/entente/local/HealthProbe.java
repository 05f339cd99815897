package org.entente.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Asks a service's {@code /actuator/health} whether it is UP, and waits until every started service is, printing
 * each one's time as it comes up; fails with the service's log tail when one exits or is late. Reads only the
 * overall status, never the components.
 */
final class HealthProbe {

    private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

    /**
     * How long to wait between two rounds of asking. Each round asks only the services not yet UP, and one that is
     * not listening yet refuses at once, so asking often costs little; every round's wait is added to the stack's
     * start (500 ms added 250 ms on average to each service's "is UP", and up to 500 ms to "Entente is up").
     */
    static final Duration POLL = Duration.ofMillis(100);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Waits until every service of the settings reports UP, counting from {@code started} (System.nanoTime). */
    void awaitAll(StackSettings settings, StackProcesses processes, long started) {
        long deadline = started + settings.startTimeout().toNanos();
        Map<Service, String> waiting = new EnumMap<>(Service.class);
        settings.services().forEach(s -> waiting.put(s, "not answering yet"));
        while (!waiting.isEmpty()) {
            processes.checkNotStopped();
            for (Service service : List.copyOf(waiting.keySet())) {
                ManagedProcess process = processes.service(service);
                if (!process.isAlive()) {
                    throw process.failedToStart(service.module(), "it exited with code " + process.exitValue());
                }
                String health = health(settings, service);
                if (health == null) {
                    waiting.remove(service);
                    settings.out().printf("  %s is UP (%s)%n", service.module(), LocalStack.since(started));
                } else {
                    waiting.put(service, health);
                }
            }
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                Service late = waiting.keySet().iterator().next();
                throw processes.service(late).failedToStart(late.module(), "it did not report UP on /actuator/health"
                        + " within " + settings.startTimeout().toSeconds() + " s (last answer: " + waiting.get(late)
                        + ")");
            }
            LocalStack.sleep(POLL);
        }
    }

    /** Null when the service reports UP, otherwise what it answered instead. */
    private String health(StackSettings settings, Service service) {
        try {
            return health(URI.create("http://127.0.0.1:" + settings.port(service)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for " + service.module(), e);
        }
    }

    /** Null when the process at {@code url} reports UP, otherwise what it answered instead. */
    String health(URI url) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && STATUS_UP.matcher(response.body()).find()) {
                return null;
            }
            return "HTTP " + response.statusCode() + " " + abbreviate(response.body());
        } catch (IOException e) {
            return "not answering yet (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }
}
