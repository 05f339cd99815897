package org.entente.bench;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.entente.events.AlignmentContext;
import org.entente.events.AssessmentOpened;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.local.LocalStack;
import org.entente.local.StackSecrets;
import org.entente.local.Service;
import org.entente.schemas.Topics;

/**
 * The benchmark harness behind {@code bench/run}: measures Entente's figures beside a raw-Kafka baseline taken in the
 * same run on the same broker, prints the table and writes it, with the machine and the versions, to a Markdown file.
 *
 * <ol>
 *   <li>Scoring throughput: scoring-service's topology in-process ({@link StreamsPass}) against a pass-through
 *       Kafka Streams application, both exactly_once_v2, over the same responses on a broker-only stack.</li>
 *   <li>Survey intake: wrk against {@code POST /api/responses} of the whole suite (all four services, started by
 *       {@link LocalStack}), at full speed and at half of it, against Kafka's ProducerPerformance with messages of
 *       the same size.</li>
 *   <li>End to end: response accepted (202) → first {@code StageClassified} → first {@code AdviceGenerated}.</li>
 *   <li>Footprint: each process's time to report UP, and its RSS idle and under the intake load.</li>
 * </ol>
 *
 * <p>It never asserts a timing: targets are reported as met or missed. Everything it starts listens on 127.0.0.1 and is stopped before it returns.
 */
public final class Bench {

    private static final Pattern UP_LINE = Pattern.compile("^\\s+(\\S+) is UP \\(([0-9.]+) s\\)");
    private static final Pattern STARTED_LINE = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");
    private static final Pattern ASSESSMENT_ID = Pattern.compile("\"assessmentId\"\\s*:\\s*\"([^\"]+)\"");
    private static final List<String> SERVICE_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** How much of everything to do: the full run, or the short smoke run CI calls. */
    record Plan(boolean smoke, int responses, int streamRuns, int wrkSeconds, int wrkWarmRuns, int producerRecords,
            int e2eAssessments, double e2eRate, int idleSeconds) {

        static Plan of(boolean smoke) {
            return smoke ? new Plan(true, 10_000, 1, 5, 1, 20_000, 10, 5, 3)
                    : new Plan(false, 100_000, 3, 15, 3, 200_000, 100, 5, 10);
        }
    }

    /** One line of the table. */
    record Row(String figure, String measure, String value, String baseline, String ratio, String target, String met) {
    }

    private final Plan plan;
    private final Path repository;
    private final Path home;
    private final String childClasspath;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The admin token of the suite under test, sent with every HTTP call the benchmarks make. */
    private String bearer;
    private int messageSize;

    private Bench(Plan plan, Path repository, Path home, String childClasspath) {
        this.plan = plan;
        this.repository = repository;
        this.home = home;
        this.childClasspath = childClasspath;
    }

    /**
     * Arguments: {@code [--smoke] [--only scoring|suite] --repository DIR --out FILE}; the child JVMs' classpath in
     * {@code bench.classpath}.
     */
    public static void main(String[] args) throws Exception {
        boolean smoke = false;
        String only = "";
        Path repository = null;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--repository" -> repository = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path home = Files.createTempDirectory("entente-bench");
        Bench bench = new Bench(Plan.of(smoke), repository, home, System.getProperty("bench.classpath"));
        long started = System.nanoTime();
        try {
            if (!only.equals("suite")) {
                bench.scoringThroughput();
            }
            if (!only.equals("scoring")) {
                bench.suite();
            }
        } finally {
            deleteQuietly(home);
        }
        String report = bench.report(Duration.ofNanos(System.nanoTime() - started));
        System.out.println();
        System.out.println(report);
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("Written to " + out);
    }

    // ---------------------------------------------------------------- 1. scoring throughput

    private void scoringThroughput() throws Exception {
        say("Scoring throughput: a broker-only stack, " + plan.responses + " responses");
        try (LocalStack broker = LocalStack.builder().repository(repository).home(home.resolve("broker"))
                .brokerPort(freePort()).controllerPort(freePort()).services(EnumSet.noneOf(Service.class))
                .partitions(3).out(quiet()).build()) {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = admin(bootstrap)) {
                admin.createTopics(List.of(new NewTopic(StreamsPass.PASSTHROUGH_OUT, 3, (short) 1))).all().get();
            }
            produceResponses(bootstrap, plan.responses);
            Map<String, List<Double>> fresh = new LinkedHashMap<>();
            Map<String, List<Double>> warm = new LinkedHashMap<>();
            for (int run = 1; run <= plan.streamRuns; run++) {
                for (String kind : List.of("passthrough", "repartition", "scoring")) {
                    List<String> command = new ArrayList<>(javaCommand(streamsJvm()));
                    command.addAll(List.of(StreamsPass.class.getName(), kind, bootstrap, "2", "r" + run));
                    List<String> output = runChild(command, Duration.ofMinutes(15));
                    if (output.stream().anyMatch(line -> line.startsWith("FAILED"))) {
                        Path log = repository.resolve("bench/target/streams-" + kind + "-r" + run + ".log");
                        Files.createDirectories(log.getParent());
                        Files.write(log, output);
                        say("  run " + run + " " + kind + " failed; its output: " + log);
                    }
                    for (String line : output) {
                        String[] f = line.split(" ");
                        if (f[0].equals("RESULT")) {
                            double rate = Double.parseDouble(f[3]);
                            (f[2].equals("1") ? fresh : warm).computeIfAbsent(kind, k -> new ArrayList<>()).add(rate);
                            say(String.format(Locale.ROOT, "  run %d %s pass %s: %.0f records/s", run, kind, f[2], rate));
                        } else if (f[0].equals("FAILED")) {
                            notes.add("Scoring throughput: " + line);
                        }
                    }
                }
            }
            for (var phase : List.of(Map.entry("fresh JVM", fresh), Map.entry("warm", warm))) {
                Stats scoring = Stats.of(phase.getValue().getOrDefault("scoring", List.of()));
                Stats pass = Stats.of(phase.getValue().getOrDefault("passthrough", List.of()));
                Stats repartition = Stats.of(phase.getValue().getOrDefault("repartition", List.of()));
                Double ratio = ratio(scoring, repartition);
                rows.add(new Row("1. Scoring throughput", "responses/s, " + phase.getKey(), scoring.format("%.0f"),
                        "pass-through with a repartition " + repartition.format("%.0f"), pct(ratio), "≥ 70 %",
                        met(ratio == null ? null : ratio >= 0.70)));
                rows.add(new Row("1. Scoring throughput", "responses/s, " + phase.getKey() + ", against the plain "
                        + "pass-through", scoring.format("%.0f"), "pass-through " + pass.format("%.0f"),
                        pct(ratio(scoring, pass)), "–", "–"));
            }
        }
    }

    private List<String> streamsJvm() {
        String override = System.getenv("BENCH_STREAMS_JVM");
        return override == null || override.isBlank() ? SERVICE_JVM : List.of(override.trim().split("\\s+"));
    }

    /**
     * Puts assessments and their responses on the broker: one assessment per 40 responses (20 from each function,
     * each from its own respondent), interleaved as a busy survey would see them.
     */
    private void produceResponses(String bootstrap, int count) throws Exception {
        int perAssessment = 40;
        int assessments = Math.max(1, count / perAssessment);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            Instant now = Instant.now();
            for (int a = 0; a < assessments; a++) {
                AssessmentOpened opened = AssessmentOpened.newBuilder().setAssessmentId("bench-a" + a)
                        .setOrganization("bench").setTitle("benchmark").setInstrumentVersion("1")
                        .setStatementCount(20).setAnonymityThreshold(3).setOpensAt(now)
                        .setContext(AlignmentContext.newBuilder().build()).build();
                producer.send(new ProducerRecord<>(Topics.ASSESSMENTS.name(), opened.getAssessmentId().toString(),
                        Topics.ASSESSMENTS.valueSerde().serializer().serialize(Topics.ASSESSMENTS.name(), opened)));
            }
            producer.flush();
            Thread.sleep(20); // the responses carry later timestamps than every opening
            for (int i = 0; i < count; i++) {
                byte[] value = responseBytes("bench-a" + (i % assessments), "bench-resp-" + i,
                        "r" + (i / assessments) % perAssessment);
                messageSize = value.length;
                producer.send(new ProducerRecord<>(Topics.RESPONSES.name(), "bench-a" + (i % assessments), value));
            }
            producer.flush();
        }
        say("  produced " + assessments + " assessments and " + count + " responses of " + messageSize + " bytes");
    }

    private static byte[] responseBytes(String assessmentId, String responseId, String respondentId) {
        int k = respondentId.hashCode() & 0xff;
        List<Integer> answers = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            answers.add(1 + (k + s) % 5);
        }
        SurveyResponseSubmitted response = SurveyResponseSubmitted.newBuilder().setResponseId(responseId)
                .setAssessmentId(assessmentId).setRespondentId(respondentId)
                .setFunction(k % 2 == 0 ? BusinessFunction.SALES : BusinessFunction.MARKETING).setRole(Role.STAFF)
                .setInstrumentVersion("1").setAnswers(answers).setSubmittedAt(Instant.now()).setSource("web").build();
        return Topics.RESPONSES.valueSerde().serializer().serialize(Topics.RESPONSES.name(), response);
    }

    // ---------------------------------------------------------------- 2, 3, 5: the whole suite

    private void suite() throws Exception {
        say("The whole suite: a broker and the four services");
        StackSecrets secrets = StackSecrets.generate();
        bearer = "Bearer " + secrets.apiToken();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        // Kafka in plain text, as the baselines (ProducerPerformance, the pass-through app) use it; the services
        // check every HTTP call's bearer token as in production.
        LocalStack.Builder builder = LocalStack.builder().repository(repository).home(home.resolve("suite"))
                .secrets(secrets).brokerPort(freePort()).controllerPort(freePort()).serviceJvmOptions(SERVICE_JVM)
                .out(new PrintStream(tee(progress), true, StandardCharsets.UTF_8));
        for (Service service : Service.values()) {
            builder.servicePort(service, freePort());
        }
        try (LocalStack stack = builder.build()) {
            stack.start();
            Map<String, Long> pids = stack.livePids();
            startUp(stack, progress.toString(StandardCharsets.UTF_8));

            Thread.sleep(TimeUnit.SECONDS.toMillis(plan.idleSeconds));
            Map<String, Double> idle = new LinkedHashMap<>();
            pids.forEach((name, pid) -> idle.put(name, rssMb(pid)));

            RssSampler sampler = new RssSampler(pids);
            sampler.start();
            try {
                intake(stack);
            } finally {
                sampler.stop();
            }
            drainBacklog(stack);
            endToEnd(stack);
            try {
                funnel(stack);
            } catch (IllegalStateException e) {
                // one figure that cannot be taken (a refused request) does not lose the others
                notes.add("Funnel: not measured: " + e.getMessage());
                say("  funnel not measured: " + e.getMessage());
            }
            for (var entry : pids.entrySet()) {
                String name = entry.getKey();
                double loaded = sampler.max(name);
                boolean service = !name.equals("kafka");
                rows.add(new Row("5. Footprint", name + " RSS MB, idle / under load",
                        String.format(Locale.ROOT, "%.0f / %.0f", idle.get(name), loaded), "–", "–",
                        service ? "< 350 MB under load" : "–", service ? met(loaded < 350) : "–"));
            }
        }
    }

    private void startUp(LocalStack stack, String progress) throws IOException {
        Map<String, String> up = new LinkedHashMap<>();
        for (String line : progress.split("\\R")) {
            Matcher m = UP_LINE.matcher(line);
            if (m.find()) {
                up.put(m.group(1), m.group(2));
            }
        }
        for (Service service : Service.values()) {
            String own = "?";
            Path log = stack.logFile(service);
            if (Files.exists(log)) {
                Matcher m = STARTED_LINE.matcher(Files.readString(log));
                if (m.find()) {
                    own = m.group(1);
                }
            }
            rows.add(new Row("5. Footprint", service.module() + " start-up s (own log / until UP)",
                    own + " / " + up.getOrDefault(service.module(), "?") + " (n=1)", "–", "–", "–", "–"));
        }
        notes.add("Start-up: the four services start at once on the same cores, so each one's time includes the "
                + "others' (\"own log\" is Spring Boot's \"Started … in\", \"until UP\" is when /actuator/health "
                + "first answered UP, counted from the launch of the services).");
    }

    private void intake(LocalStack stack) throws Exception {
        URI survey = stack.url(Service.SURVEY);
        // The baseline's messages are the size of the ones survey-service writes: UUID ids, as the API makes them.
        int intakeSize = responseBytes(java.util.UUID.randomUUID().toString(), "wrk-warm1-1-123456", "wrk-12").length;
        List<String> assessments = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            assessments.add(openAssessment(survey, 3));
        }
        Path script = writeWrkScript(assessments);
        say("Survey intake: wrk on " + survey + "/api/responses");
        List<String> fresh = wrk(survey, script, 16, 0, "fresh");
        WrkResult first = WrkResult.parse(fresh);
        say("  fresh: " + first);
        List<WrkResult> warm = new ArrayList<>();
        for (int run = 1; run <= plan.wrkWarmRuns; run++) {
            warm.add(WrkResult.parse(wrk(survey, script, 16, 0, "warm" + run)));
            say("  warm " + run + ": " + warm.get(warm.size() - 1));
        }
        Stats warmRate = Stats.of(warm.stream().map(WrkResult::rate).toList());
        double half = warmRate.median() / 2;
        int connections = 8;
        // Each connection waits for its answer, then pauses: subtract the latency expected at the lower load.
        double expectedLatency = Stats.of(warm.stream().map(WrkResult::p50).toList()).median() / 2;
        double delayMs = Math.max(0, connections * 1000.0 / half - expectedLatency);
        List<WrkResult> halves = new ArrayList<>();
        for (int run = 1; run <= plan.wrkWarmRuns; run++) {
            halves.add(WrkResult.parse(wrk(survey, script, connections, delayMs, "half" + run)));
            say("  half rate " + run + ": " + halves.get(halves.size() - 1));
        }

        List<Double> producerRates = new ArrayList<>();
        List<Double> producerP99 = new ArrayList<>();
        for (int run = 1; run <= plan.wrkWarmRuns; run++) {
            double[] result = producerPerformance(stack.bootstrapServers(), intakeSize);
            if (result != null) {
                producerRates.add(result[0]);
                producerP99.add(result[1]);
                say(String.format(Locale.ROOT, "  ProducerPerformance %d: %.0f records/s, p99 %.0f ms", run,
                        result[0], result[1]));
            }
        }
        Stats producer = Stats.of(producerRates);
        rows.add(new Row("2. Survey intake", "max responses/s, fresh JVM (first run)",
                Stats.of(first.rate()).format("%.0f"), "producer " + producer.format("%.0f"),
                pct(ratio(Stats.of(first.rate()), producer)), "–", "–"));
        rows.add(new Row("2. Survey intake", "max responses/s, warm", warmRate.format("%.0f"),
                "producer " + producer.format("%.0f"), pct(ratio(warmRate, producer)), "–", "–"));
        rows.add(new Row("2. Survey intake", "p50 / p99 ms at max, warm",
                Stats.of(warm.stream().map(WrkResult::p50).toList()).format("%.1f") + " / "
                        + Stats.of(warm.stream().map(WrkResult::p99).toList()).format("%.1f"),
                "producer p99 " + Stats.of(producerP99).format("%.0f") + " (at its own max)", "–", "–", "–"));
        Stats halfP99 = Stats.of(halves.stream().map(WrkResult::p99).toList());
        rows.add(new Row("2. Survey intake", String.format(Locale.ROOT,
                "p50 / p99 ms at half max (asked %.0f/s, got %s/s)", half,
                Stats.of(halves.stream().map(WrkResult::rate).toList()).format("%.0f")),
                Stats.of(halves.stream().map(WrkResult::p50).toList()).format("%.1f") + " / " + halfP99.format("%.1f"),
                "–", "–", "p99 < 25 ms", met(halfP99.median() < 25)));
        long errors = warm.stream().mapToLong(WrkResult::errors).sum() + first.errors()
                + halves.stream().mapToLong(WrkResult::errors).sum();
        notes.add("Survey intake: wrk " + plan.wrkSeconds + " s per run, 2 threads, 16 connections at max, 8 "
                + "connections with a fixed pause between requests at half max (Debian's wrk has no rate option, "
                + "so the half-rate run paces each connection; its latency is measured from the send, without "
                + "coordinated-omission correction). Non-2xx answers and socket errors over all runs: " + errors
                + ". The baseline is ProducerPerformance (kafka-tools " + AppInfoParser.getVersion() + "), "
                + plan.producerRecords + " records of " + intakeSize + " bytes (a SurveyResponseSubmitted as "
                + "survey-service writes it), acks=all, default batching, to its own 3-partition topic on the same "
                + "broker while the suite runs.");
    }

    private List<String> wrk(URI survey, Path script, int connections, double delayMs, String tag) throws Exception {
        List<String> command = List.of("wrk", "-t2", "-c" + connections, "-d" + plan.wrkSeconds + "s", "--latency",
                "--timeout", "10s", "-s", script.toString(), survey.toString(), "--", tag,
                String.format(Locale.ROOT, "%.2f", delayMs));
        return runChild(command, Duration.ofSeconds(plan.wrkSeconds + 60));
    }

    private Path writeWrkScript(List<String> assessments) throws IOException {
        StringBuilder ids = new StringBuilder();
        for (String id : assessments) {
            ids.append(ids.isEmpty() ? "" : ", ").append('"').append(id).append('"');
        }
        String lua = """
                -- POST /api/responses with a unique responseId per request; args: run tag, pause in ms.
                local assessments = { %s }
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
                """.formatted(ids, bearer);
        Path script = home.resolve("post-response.lua");
        Files.writeString(script, lua);
        return script;
    }

    /** Kafka's producer at full speed with messages of a response's size: {records/s, p99 ms}, or null. */
    private double[] producerPerformance(String bootstrap, int messageSize) throws Exception {
        List<String> command = new ArrayList<>(javaCommand(List.of("-Xmx256m")));
        command.addAll(List.of("org.apache.kafka.tools.ProducerPerformance", "--topic", "bench.producer-perf",
                "--num-records", String.valueOf(plan.producerRecords), "--record-size", String.valueOf(messageSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all"));
        Pattern summary = Pattern.compile("records sent, ([0-9.]+) records/sec .* ([0-9.]+) ms 99th");
        for (String line : runChild(command, Duration.ofMinutes(5))) {
            Matcher m = summary.matcher(line);
            if (m.find()) {
                return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
            }
        }
        notes.add("ProducerPerformance printed no summary in one run.");
        return null;
    }

    private void endToEnd(LocalStack stack) throws Exception {
        say("End to end: " + plan.e2eAssessments + " assessments at " + plan.e2eRate + "/s");
        URI survey = stack.url(Service.SURVEY);
        Map<String, Long> staged = new ConcurrentHashMap<>();
        Map<String, Long> advised = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Thread listener;
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.STAGES.name(), Topics.ADVICE.name())) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            listener = new Thread(() -> {
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                        long at = System.nanoTime();
                        (record.topic().equals(Topics.STAGES.name()) ? staged : advised).putIfAbsent(record.key(), at);
                    }
                }
            }, "bench-e2e-listener");
            listener.start();
            try {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < plan.e2eAssessments; i++) {
                    String id = openAssessment(survey, 1);
                    postResponse(survey, id, "e2e-sales-" + i, "SALES");
                    ids.add(id);
                }
                Map<String, Long> accepted = new LinkedHashMap<>();
                long interval = (long) (1e9 / plan.e2eRate);
                long next = System.nanoTime();
                for (int i = 0; i < ids.size(); i++) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    next += interval;
                    postResponse(survey, ids.get(i), "e2e-marketing-" + i, "MARKETING");
                    accepted.put(ids.get(i), System.nanoTime());
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline && !advised.keySet().containsAll(ids)) {
                    Thread.sleep(100);
                }
                List<Double> toStage = new ArrayList<>();
                List<Double> toAdvice = new ArrayList<>();
                accepted.forEach((id, at) -> {
                    if (staged.containsKey(id)) {
                        toStage.add((staged.get(id) - at) / 1e6);
                    }
                    if (advised.containsKey(id)) {
                        toAdvice.add((advised.get(id) - at) / 1e6);
                    }
                });
                addLatencyRow("accepted → StageClassified", toStage, ids.size());
                addLatencyRow("accepted → AdviceGenerated", toAdvice, ids.size());
                notes.add("End to end: each assessment (anonymity threshold 1) first gets a Sales response; then, at "
                        + plan.e2eRate + " per second, a Marketing response, whose 202 starts the clock. The clock "
                        + "stops when a read_committed consumer on this JVM first sees the assessment's "
                        + "StageClassified, then its AdviceGenerated. Measured warm, after the intake runs, once every consumer "
                        + "group has caught up with them.");
            } finally {
                running.set(false);
                listener.join(5000);
            }
        }
    }

    /**
     * Waits (up to three minutes) until every consumer group has caught up with the intake load, so that figures 3
     * and 4 are taken at a steady rate rather than behind a backlog; how long that took is itself a figure.
     */
    private void drainBacklog(LocalStack stack) throws Exception {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.MINUTES.toNanos(3);
        Map<String, Long> lagByGroup = Map.of();
        try (Admin admin = admin(stack.bootstrapServers())) {
            while (System.nanoTime() < deadline) {
                lagByGroup = lagByGroup(admin);
                if (lagByGroup.values().stream().allMatch(lag -> lag == 0)) {
                    break;
                }
                Thread.sleep(500);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean drained = lagByGroup.values().stream().allMatch(lag -> lag == 0);
        say(String.format(Locale.ROOT, "  backlog after the intake runs %s in %.1f s: %s",
                drained ? "drained" : "NOT drained", seconds, lagByGroup));
        rows.add(new Row("3. End to end", "seconds until every consumer group caught up after the intake runs",
                String.format(Locale.ROOT, "%.1f%s (n=1)", seconds, drained ? "" : " (gave up; lag " + lagByGroup + ")"),
                "–", "–", "–", "–"));
    }

    private static Map<String, Long> lagByGroup(Admin admin) throws Exception {
        Map<String, Long> lags = new java.util.TreeMap<>();
        for (var group : admin.listConsumerGroups().all().get()) {
            var committed = admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request = new java.util.HashMap<>();
            committed.keySet().forEach(tp -> request.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
            var ends = admin.listOffsets(request, new org.apache.kafka.clients.admin.ListOffsetsOptions(
                    org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get();
            long lag = 0;
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                    // A transaction's commit marker may follow the last record a group committed: one offset that
                    // an idle exactly-once application never commits past. So a lag of one is no lag.
                    lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset() - 1);
                }
            }
            lags.put(group.groupId(), lag);
        }
        return lags;
    }

    private void addLatencyRow(String measure, List<Double> samples, int expected) {
        addLatencyRow("3. End to end", measure, samples, expected, 500);
    }

    private void addLatencyRow(String figure, String measure, List<Double> samples, int expected, double targetMs) {
        String target = String.format(Locale.ROOT, "p99 < %.0f ms", targetMs);
        if (samples.isEmpty()) {
            rows.add(new Row(figure, measure, "none arrived", "–", "–", target, met(false)));
            return;
        }
        double p50 = Stats.percentile(samples, 50);
        double p99 = Stats.percentile(samples, 99);
        rows.add(new Row(figure, measure + ", p50 / p99 ms",
                String.format(Locale.ROOT, "%.0f / %.0f (n=%d of %d, max %.0f)", p50, p99, samples.size(), expected,
                        Collections.max(samples)),
                "–", "–", target, met(p99 < targetMs && samples.size() == expected)));
    }

    /**
     * Funnel events posted at a steady rate, each clocked from just before its POST until an SSE client of
     * {@code /api/funnel/stream} gets the event with its id; the metrics events the same client gets are counted.
     */
    private void funnel(LocalStack stack) throws Exception {
        int events = plan.e2eAssessments;
        say("Funnel: " + events + " events at " + plan.e2eRate + "/s, one SSE client");
        URI funnel = stack.url(Service.FUNNEL);
        String organization = "bench-" + System.currentTimeMillis();
        Map<String, Long> received = new ConcurrentHashMap<>();
        List<Long> metricsAt = Collections.synchronizedList(new ArrayList<>());
        HttpRequest subscribe = HttpRequest.newBuilder(funnel.resolve("/api/funnel/stream?organization=" + organization))
                .header("Accept", "text/event-stream").header("Authorization", bearer).GET().build();
        var stream = http.send(subscribe, HttpResponse.BodyHandlers.ofInputStream());
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
            long interval = (long) (1e9 / plan.e2eRate);
            long next = System.nanoTime();
            long firstSent = next;
            for (int i = 0; i < events; i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next += interval;
                String eventId = "bench-funnel-" + organization + "-" + i;
                String body = "{\"eventId\":\"" + eventId + "\",\"organization\":\"" + organization
                        + "\",\"leadId\":\"lead-" + i + "\",\"type\":\"STAGE_ENTERED\","
                        + "\"step\":\"BRAND_AWARENESS\",\"team\":\"MARKETING\",\"actor\":\"bench\"}";
                long at = System.nanoTime();
                HttpResponse<String> response = post(funnel.resolve("/api/funnel/events"), body);
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
            double seconds = (System.nanoTime() - firstSent) / 1e9;
            List<Double> latencies = new ArrayList<>();
            sent.forEach((id, at) -> {
                if (received.containsKey(id)) {
                    latencies.add((received.get(id) - at) / 1e6);
                }
            });
            addLatencyRow("4. Funnel", "event posted → SSE client", latencies, events, 200);
            rows.add(new Row("4. Funnel", "metrics updates received per second by the SSE client",
                    String.format(Locale.ROOT, "%.1f (%d in %.0f s, n=1)", metricsAt.size() / seconds,
                            metricsAt.size(), seconds), "–", "–", "–", "–"));
            notes.add("Funnel: one SSE client on /api/funnel/stream for a fresh organization; " + events
                    + " STAGE_ENTERED events posted to /api/funnel/events at " + plan.e2eRate + " per second; each "
                    + "clocked from just before its POST (so the HTTP intake is included) until the client reads "
                    + "the funnel-event carrying its id. Measured warm, after the intake runs.");
        } finally {
            stream.body().close();
        }
    }

    // ---------------------------------------------------------------- HTTP

    private String openAssessment(URI survey, int threshold) throws Exception {
        // below 3 only for a named (non-anonymous) assessment, which the benchmark's synthetic respondents may be
        String body = "{\"organization\":\"bench\",\"title\":\"benchmark\",\"anonymityThreshold\":" + threshold
                + ",\"named\":" + (threshold < 3) + "}";
        HttpResponse<String> response = post(survey.resolve("/api/assessments"), body);
        Matcher m = ASSESSMENT_ID.matcher(response.body());
        if (response.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("could not open an assessment: " + response.statusCode() + " "
                    + response.body());
        }
        return m.group(1);
    }

    private void postResponse(URI survey, String assessmentId, String respondentId, String function) throws Exception {
        String body = "{\"assessmentId\":\"" + assessmentId + "\",\"respondentId\":\"" + respondentId
                + "\",\"function\":\"" + function + "\",\"role\":\"HEAD\","
                + "\"answers\":[3,4,2,5,3,4,1,2,3,4,5,4,3,2,1,2,3,4,5,3]}";
        HttpResponse<String> response = post(survey.resolve("/api/responses"), body);
        if (response.statusCode() != 202) {
            throw new IllegalStateException("response refused: " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> post(URI uri, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- processes, memory, ports

    private List<String> javaCommand(List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(childClasspath);
        return command;
    }

    /** Runs a child process to its end (or kills it after {@code limit}) and returns its output lines. */
    private static List<String> runChild(List<String> command, Duration limit) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output lost: " + e.getMessage() + ")");
            }
        });
        reader.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            lines.add("FAILED killed after " + limit.toSeconds() + " s: " + String.join(" ", command));
        }
        reader.join(5000);
        return List.copyOf(lines);
    }

    static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process has gone; report nothing
        }
        return Double.NaN;
    }

    /** Samples each process's RSS every half second while the load runs and keeps the largest. */
    private static final class RssSampler {
        private final Map<String, Long> pids;
        private final Map<String, Double> max = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        RssSampler(Map<String, Long> pids) {
            this.pids = pids;
        }

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    pids.forEach((name, pid) -> {
                        double rss = rssMb(pid);
                        if (!Double.isNaN(rss)) {
                            max.merge(name, rss, Math::max);
                        }
                    });
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-rss");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(2000);
        }

        double max(String name) {
            return max.getOrDefault(name, Double.NaN);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    private static OutputStream tee(ByteArrayOutputStream copy) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                System.out.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                System.out.write(b, off, len);
                copy.write(b, off, len);
            }
        };
    }

    private static void say(String line) {
        System.out.println(line);
    }

    private static Double ratio(Stats value, Stats baseline) {
        return value.isEmpty() || baseline.isEmpty() || baseline.median() == 0 ? null
                : value.median() / baseline.median();
    }

    private static String pct(Double ratio) {
        return ratio == null ? "–" : String.format(Locale.ROOT, "%.0f %%", ratio * 100);
    }

    private static String met(Boolean met) {
        return met == null ? "?" : met ? "met" : "**missed**";
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder; the OS cleans it eventually
        }
    }

    // ---------------------------------------------------------------- the report

    private String report(Duration took) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Entente benchmarks").append(plan.smoke ? " (smoke run: too short to trust)" : "").append("\n\n");
        md.append("- Date: ").append(LocalDate.now()).append(" (").append(Instant.now()).append(")\n");
        md.append("- Machine: ").append(machine()).append("\n");
        md.append("- Versions: Java ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vm.name")).append("), Kafka ").append(AppInfoParser.getVersion())
                .append(", Spring Boot ").append(System.getProperty("bench.springBoot", "?")).append("\n");
        md.append("- Service and streams JVMs: `").append(String.join(" ", SERVICE_JVM))
                .append("` (the local stack's defaults); streams JVMs override with BENCH_STREAMS_JVM: `")
                .append(String.join(" ", streamsJvm())).append("`\n");
        md.append("- Everything on 127.0.0.1; one KRaft broker from the Kafka jars; topics with 3 partitions.\n");
        md.append(String.format(Locale.ROOT, "- The run took %d min %02d s.%n%n", took.toMinutes(),
                took.toSecondsPart()));
        md.append("| figure | measure | Entente: median (min–max, n) | baseline, same run | ratio | target | |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(String.join(" | ", row.figure(), row.measure(), row.value(), row.baseline(),
                    row.ratio(), row.target(), row.met())).append(" |\n");
        }
        md.append("\n## How each figure was taken\n\n");
        md.append("- Scoring throughput: scoring-service's own topology (`ScoringTopology.addTo`, in-process, not "
                + "the whole service) against a pass-through Kafka Streams application that reads each response, "
                + "decodes it and writes it encoded again, with and without a repartition by key between the two "
                + "(scoring repartitions its inputs so that any producer's partitioner works, so the repartitioning "
                + "pass-through is its like-for-like floor and the target is judged against it). "
                + "All: exactly_once_v2, commit.interval.ms 100, one "
                + "stream thread, 3 partitions, the same " + plan.responses + " responses of " + messageSize
                + " bytes (one assessment per 40 responses, 20 respondents per function). Each run is a new JVM "
                + "doing two passes, each with its own application id: the first pass is the fresh-JVM figure, the "
                + "second the warm one. Records per second between the first and the last commit of a pass.\n");
        for (String note : notes) {
            md.append("- ").append(note).append("\n");
        }
        return md.toString();
    }

    private static String machine() throws IOException {
        String model = "?";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                model = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        long memKb = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return String.format(Locale.ROOT, "%d cores, %.1f GiB memory, %s", Runtime.getRuntime().availableProcessors(),
                memKb / 1024.0 / 1024.0, model);
    }
}
