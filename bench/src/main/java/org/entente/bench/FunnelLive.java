package org.entente.bench;

import static org.entente.bench.Children.say;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.entente.local.LocalStack;
import org.entente.local.Service;

/**
 * Figure 4: funnel events posted at a steady rate, each clocked from just before its POST until an SSE client of
 * {@code /api/funnel/stream} gets the event with its id; the metrics events the same client gets are counted.
 */
final class FunnelLive implements Benchmark {

    private static final String FIGURE = "4. Funnel";

    private final Plan plan;
    private final LocalStack stack;
    private final SuiteHttp http;

    FunnelLive(Plan plan, LocalStack stack, SuiteHttp http) {
        this.plan = plan;
        this.stack = stack;
        this.http = http;
    }

    @Override
    public void measure(Report report) throws Exception {
        int events = plan.e2eAssessments();
        say("Funnel: " + events + " events at " + plan.e2eRate() + "/s, one SSE client");
        URI funnel = stack.url(Service.FUNNEL);
        String organization = "bench-" + System.currentTimeMillis();
        Map<String, Long> received = new ConcurrentHashMap<>();
        List<Long> metricsAt = Collections.synchronizedList(new ArrayList<>());
        HttpRequest subscribe = HttpRequest.newBuilder(funnel.resolve("/api/funnel/stream?organization=" + organization))
                .header("Accept", "text/event-stream").header("Authorization", http.bearer()).GET().build();
        var stream = http.client().send(subscribe, HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String event = "";
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    long at = System.nanoTime();
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                        if (event.equals("metrics")) {
                            metricsAt.add(at);
                        }
                    } else if (line.startsWith("id:") && event.equals("funnel-event")) {
                        received.putIfAbsent(line.substring(3).trim(), at);
                    }
                }
            } catch (IOException e) {
                // the stream ends when the client closes it
            }
        }, "bench-sse");
        reader.setDaemon(true);
        reader.start();
        try {
            Thread.sleep(500); // the subscription is registered before the first event
            Map<String, Long> sent = new LinkedHashMap<>();
            Pacer pacer = new Pacer(plan.e2eRate());
            for (int i = 0; i < events; i++) {
                pacer.awaitNext();
                String eventId = "bench-funnel-" + organization + "-" + i;
                String body = "{\"eventId\":\"" + eventId + "\",\"organization\":\"" + organization
                        + "\",\"leadId\":\"lead-" + i + "\",\"type\":\"STAGE_ENTERED\","
                        + "\"step\":\"BRAND_AWARENESS\",\"team\":\"MARKETING\",\"actor\":\"bench\"}";
                long at = System.nanoTime();
                HttpResponse<String> response = http.post(funnel.resolve("/api/funnel/events"), body);
                if (response.statusCode() != 202) {
                    throw new IllegalStateException("funnel event refused: " + response.statusCode() + " "
                            + response.body());
                }
                sent.put(eventId, at);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && !received.keySet().containsAll(sent.keySet())) {
                Thread.sleep(100);
            }
            double seconds = pacer.seconds();
            List<Double> latencies = new ArrayList<>();
            sent.forEach((id, at) -> {
                if (received.containsKey(id)) {
                    latencies.add((received.get(id) - at) / 1e6);
                }
            });
            report.addLatency(FIGURE, "event posted → SSE client", latencies, events, 200);
            report.add(FIGURE, "metrics updates received per second by the SSE client",
                    String.format(Locale.ROOT, "%.1f (%d in %.0f s, n=1)", metricsAt.size() / seconds,
                            metricsAt.size(), seconds));
            report.note("Funnel: one SSE client on /api/funnel/stream for a fresh organization; " + events
                    + " STAGE_ENTERED events posted to /api/funnel/events at " + plan.e2eRate() + " per second; each "
                    + "clocked from just before its POST (so the HTTP intake is included) until the client reads "
                    + "the funnel-event carrying its id. Measured warm, after the intake runs.");
        } finally {
            stream.body().close();
        }
    }
}
