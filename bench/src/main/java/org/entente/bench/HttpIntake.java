package org.entente.bench;

import static org.entente.bench.Children.say;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelStep;
import org.entente.events.Team;
import org.entente.local.LocalStack;
import org.entente.local.Service;
import org.entente.schemas.Topics;

/**
 * Figures 2 and 6, an intake over HTTP: wrk against one POST endpoint of the running suite, at full speed (a fresh
 * JVM's first run, then warm runs) and at half of the warm speed, beside Kafka's own producer
 * (ProducerPerformance, kafka-tools) with messages of the size the service writes, on the same broker at the same
 * time. {@link #survey} posts responses to survey-service, {@link #funnel} funnel events to funnel-service.
 */
final class HttpIntake implements Benchmark {

    /** The wrk script's part that every intake shares: a unique id per request, a run tag, a pause. */
    private static final String LUA_COMMON = """
            -- %s with a unique id per request; args: run tag, pause in ms.
            local counter = 0
            function setup(thread)
              counter = counter + 1
              thread:set("tid", counter)
            end
            function init(args)
              tag = args[1] or "run"
              pause = tonumber(args[2] or "0")
              n = 0
            end
            function delay()
              return pause
            end
            """;

    private final Plan plan;
    private final LocalStack stack;
    private final Path home;
    private final String figure;
    private final String things;
    private final Service service;
    private final String path;
    private final String luaRequest;
    private final int messageSize;
    private final String messageKind;

    private HttpIntake(Plan plan, LocalStack stack, Path home, String figure, String things, Service service,
            String path, String luaRequest, int messageSize, String messageKind) {
        this.plan = plan;
        this.stack = stack;
        this.home = home;
        this.figure = figure;
        this.things = things;
        this.service = service;
        this.path = path;
        this.luaRequest = luaRequest;
        this.messageSize = messageSize;
        this.messageKind = messageKind;
    }

    /** {@code POST /api/responses}: responses spread over 50 freshly opened assessments, 40 respondents each. */
    static HttpIntake survey(Plan plan, LocalStack stack, SuiteHttp http, Path home) throws Exception {
        URI survey = stack.url(Service.SURVEY);
        List<String> assessments = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            assessments.add(http.openAssessment(survey, 3));
        }
        StringBuilder ids = new StringBuilder();
        for (String id : assessments) {
            ids.append(ids.isEmpty() ? "" : ", ").append('"').append(id).append('"');
        }
        String request = """
                local assessments = { %s }
                function request()
                  n = n + 1
                  local a = assessments[(n %% #assessments) + 1]
                  local r = math.floor(n / #assessments) %% 40
                  local fn = (r %% 2 == 0) and "SALES" or "MARKETING"
                  local body = string.format('{"responseId":"wrk-%%s-%%d-%%d","assessmentId":"%%s",'
                    .. '"respondentId":"wrk-%%d","function":"%%s","role":"STAFF",'
                    .. '"answers":[3,4,2,5,3,4,1,2,3,4,5,4,3,2,1,2,3,4,5,3]}', tag, tid, n, a, r, fn)
                  return wrk.format("POST", "/api/responses",
                    { ["Content-Type"] = "application/json", ["Authorization"] = "%s" }, body)
                end
                """.formatted(ids, http.bearer());
        // The baseline's messages are the size of the ones survey-service writes: UUID ids, as the API makes them.
        int size = ScoringThroughput.responseBytes(UUID.randomUUID().toString(), "wrk-warm1-1-123456", "wrk-12")
                .length;
        return new HttpIntake(plan, stack, home, "2. Survey intake", "responses", Service.SURVEY, "/api/responses",
                request, size, "a SurveyResponseSubmitted as survey-service writes it");
    }

    /**
     * {@code POST /api/funnel/events}: each request a new lead entering BRAND_AWARENESS, in one of 200
     * organizations per run and thread (so no organization grows past a few hundred leads: funnel-service
     * recomputes an organization's metrics from all its leads on every change).
     */
    static HttpIntake funnel(Plan plan, LocalStack stack, SuiteHttp http, Path home) {
        String request = """
                function request()
                  n = n + 1
                  local body = string.format('{"eventId":"wrk-%%s-%%d-%%d","organization":"wrk-%%s-%%d-%%d",'
                    .. '"leadId":"lead-%%d","type":"STAGE_ENTERED","step":"BRAND_AWARENESS","team":"MARKETING",'
                    .. '"actor":"bench"}', tag, tid, n, tag, tid, n %% 200, n)
                  return wrk.format("POST", "/api/funnel/events",
                    { ["Content-Type"] = "application/json", ["Authorization"] = "%s" }, body)
                end
                """.formatted(http.bearer());
        FunnelEvent event = FunnelEvent.newBuilder().setEventId("wrk-warm1-1-123456")
                .setOrganization("wrk-warm1-1-123").setLeadId("lead-123456").setType(FunnelEventType.STAGE_ENTERED)
                .setStep(FunnelStep.BRAND_AWARENESS).setTeam(Team.MARKETING).setActor("bench")
                .setOccurredAt(Instant.now()).build();
        int size = Topics.FUNNEL_EVENTS.valueSerde().serializer().serialize(Topics.FUNNEL_EVENTS.name(), event).length;
        return new HttpIntake(plan, stack, home, "6. Funnel intake", "events", Service.FUNNEL, "/api/funnel/events",
                request, size, "a FunnelEvent as funnel-service writes it");
    }

    @Override
    public void measure(Report report) throws Exception {
        URI base = stack.url(service);
        Path script = home.resolve(service.module() + "-intake.lua");
        Files.writeString(script, LUA_COMMON.formatted("POST " + path) + luaRequest);
        say(figure.substring(3) + ": wrk on " + base + path);
        WrkResult first = WrkResult.parse(wrk(base, script, 16, 0, "fresh"));
        say("  fresh: " + first);
        List<WrkResult> warm = new ArrayList<>();
        for (int run = 1; run <= plan.wrkWarmRuns(); run++) {
            warm.add(WrkResult.parse(wrk(base, script, 16, 0, "warm" + run)));
            say("  warm " + run + ": " + warm.get(warm.size() - 1));
        }
        Stats warmRate = Stats.of(warm.stream().map(WrkResult::rate).toList());
        double half = warmRate.median() / 2;
        int connections = 8;
        // Each connection waits for its answer, then pauses: subtract the latency expected at the lower load.
        double expectedLatency = Stats.of(warm.stream().map(WrkResult::p50).toList()).median() / 2;
        double delayMs = Math.max(0, connections * 1000.0 / half - expectedLatency);
        List<WrkResult> halves = new ArrayList<>();
        for (int run = 1; run <= plan.wrkWarmRuns(); run++) {
            halves.add(WrkResult.parse(wrk(base, script, connections, delayMs, "half" + run)));
            say("  half rate " + run + ": " + halves.get(halves.size() - 1));
        }

        List<Double> producerRates = new ArrayList<>();
        List<Double> producerP99 = new ArrayList<>();
        for (int run = 1; run <= plan.wrkWarmRuns(); run++) {
            double[] result = producerPerformance(report);
            if (result != null) {
                producerRates.add(result[0]);
                producerP99.add(result[1]);
                say(String.format(Locale.ROOT, "  ProducerPerformance %d: %.0f records/s, p99 %.0f ms", run,
                        result[0], result[1]));
            }
        }
        Stats producer = Stats.of(producerRates);
        report.add(new Report.Row(figure, "max " + things + "/s, fresh JVM (first run)",
                Stats.of(first.rate()).format("%.0f"), "producer " + producer.format("%.0f"),
                Report.pct(Report.ratio(Stats.of(first.rate()), producer)), "–", "–"));
        report.add(new Report.Row(figure, "max " + things + "/s, warm", warmRate.format("%.0f"),
                "producer " + producer.format("%.0f"), Report.pct(Report.ratio(warmRate, producer)), "≥ 3000/s",
                Report.met(warmRate.isEmpty() ? null : warmRate.median() >= 3000)));
        report.add(new Report.Row(figure, "p50 / p99 ms at max, warm",
                Stats.of(warm.stream().map(WrkResult::p50).toList()).format("%.1f") + " / "
                        + Stats.of(warm.stream().map(WrkResult::p99).toList()).format("%.1f"),
                "producer p99 " + Stats.of(producerP99).format("%.0f") + " (at its own max)", "–", "–", "–"));
        Stats halfP99 = Stats.of(halves.stream().map(WrkResult::p99).toList());
        report.add(new Report.Row(figure, String.format(Locale.ROOT,
                "p50 / p99 ms at half max (asked %.0f/s, got %s/s)", half,
                Stats.of(halves.stream().map(WrkResult::rate).toList()).format("%.0f")),
                Stats.of(halves.stream().map(WrkResult::p50).toList()).format("%.1f") + " / " + halfP99.format("%.1f"),
                "–", "–", "p99 < 25 ms", Report.met(halfP99.median() < 25)));
        long errors = warm.stream().mapToLong(WrkResult::errors).sum() + first.errors()
                + halves.stream().mapToLong(WrkResult::errors).sum();
        report.note(figure.substring(3) + ": wrk on " + path + ", " + plan.wrkSeconds() + " s per run, 2 threads, "
                + "16 connections at max, 8 connections with a fixed pause between requests at half max (Debian's "
                + "wrk has no rate option, so the half-rate run paces each connection; its latency is measured from "
                + "the send, without coordinated-omission correction). Non-2xx answers and socket errors over all "
                + "runs: " + errors + ". The baseline is ProducerPerformance (kafka-tools "
                + AppInfoParser.getVersion() + "), " + plan.producerRecords() + " records of " + messageSize
                + " bytes (" + messageKind + "), acks=all, default batching, to its own 3-partition topic on the "
                + "same broker while the suite runs.");
    }

    private List<String> wrk(URI base, Path script, int connections, double delayMs, String tag) throws Exception {
        List<String> command = List.of("wrk", "-t2", "-c" + connections, "-d" + plan.wrkSeconds() + "s", "--latency",
                "--timeout", "10s", "-s", script.toString(), base.toString(), "--", tag,
                String.format(Locale.ROOT, "%.2f", delayMs));
        return Children.run(command, Duration.ofSeconds(plan.wrkSeconds() + 60));
    }

    /** Kafka's producer at full speed with messages of this intake's size: {records/s, p99 ms}, or null. */
    private double[] producerPerformance(Report report) throws Exception {
        List<String> command = new ArrayList<>(Children.javaCommand(List.of("-Xmx256m")));
        command.addAll(List.of("org.apache.kafka.tools.ProducerPerformance", "--topic", "bench.producer-perf",
                "--num-records", String.valueOf(plan.producerRecords()), "--record-size",
                String.valueOf(messageSize), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + stack.bootstrapServers(), "acks=all"));
        Pattern summary = Pattern.compile("records sent, ([0-9.]+) records/sec .* ([0-9.]+) ms 99th");
        for (String line : Children.run(command, Duration.ofMinutes(5))) {
            Matcher m = summary.matcher(line);
            if (m.find()) {
                return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
            }
        }
        report.note("ProducerPerformance printed no summary in one run.");
        return null;
    }
}
