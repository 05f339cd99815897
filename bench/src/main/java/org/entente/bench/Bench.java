package org.entente.bench;

import static org.entente.bench.Children.say;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.entente.local.LocalStack;
import org.entente.local.Service;
import org.entente.local.StackSecrets;

/**
 * The benchmark harness behind {@code bench/run}: measures Entente's figures beside a raw-Kafka baseline taken in the
 * same run on the same broker, prints the table and writes it ({@link Report}), with the machine and the versions,
 * to a Markdown file. Each figure is a {@link Benchmark} of its own:
 *
 * <ol>
 *   <li>{@link ScoringThroughput} on a broker-only stack of its own;</li>
 *   <li>then the whole suite (all four services, started by {@link LocalStack}): {@link HttpIntake} of survey
 *       (figure 2) and of funnel (figure 6) under the {@link RssSampler}, {@link EndToEnd} (figure 3),
 *       {@link FunnelLive} (figure 4), {@link FunnelThroughput} (figure 7), and the {@link Footprint} (figure 5).</li>
 * </ol>
 *
 * <p>It never asserts a timing: targets are reported as met or missed. The smoke run fails (exit status 1, after
 * writing its file) when a figure could not be taken at all. Everything it starts listens on 127.0.0.1 and
 * is stopped before it returns.
 */
public final class Bench {

    private final Plan plan;
    private final Path repository;
    private final Path home;
    private final Report report;

    private Bench(Plan plan, Path repository, Path home) {
        this.plan = plan;
        this.repository = repository;
        this.home = home;
        this.report = new Report(plan.smoke());
    }

    /**
     * Arguments: {@code [--smoke] [--only scoring|suite|funnel] --repository DIR --out FILE} ({@code funnel}: the suite
     * with figure 7 alone); the child JVMs' classpath in {@code bench.classpath}.
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
        Bench bench = new Bench(Plan.of(smoke), repository, home);
        long started = System.nanoTime();
        try {
            if (only.isEmpty() || only.equals("scoring")) {
                new ScoringThroughput(bench.plan, repository, home).measure(bench.report);
            }
            if (!only.equals("scoring")) {
                bench.suite(only.equals("funnel"));
            }
        } finally {
            Children.deleteQuietly(home);
        }
        String markdown = bench.report.markdown(Duration.ofNanos(System.nanoTime() - started));
        System.out.println();
        System.out.println(markdown);
        Files.createDirectories(out.getParent());
        Files.writeString(out, markdown);
        System.out.println("Written to " + out);
        // A full run keeps what it could measure; the smoke run exists to prove every figure can be taken, so a figure
        // that could not be taken fails it (and CI), while a missed target never does.
        if (smoke && !bench.report.unmeasured().isEmpty()) {
            System.err.println("Smoke run failed: not measured: " + String.join(", ", bench.report.unmeasured()));
            System.exit(1);
        }
    }

    /** The whole suite's figures, or with {@code funnelOnly} figure 7 alone (funnel-service is not warmed first). */
    private void suite(boolean funnelOnly) throws Exception {
        say("The whole suite: a broker and the four services");
        StackSecrets secrets = StackSecrets.generate();
        SuiteHttp http = new SuiteHttp(secrets.apiToken());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        // Kafka in plain text, as the baselines (ProducerPerformance, the pass-through app) use it; the services
        // check every HTTP call's bearer token as in production.
        LocalStack.Builder builder = LocalStack.builder().repository(repository).home(home.resolve("suite"))
                .secrets(secrets).brokerPort(Children.freePort()).controllerPort(Children.freePort())
                .serviceJvmOptions(Children.SERVICE_JVM)
                .out(new PrintStream(Children.tee(progress), true, StandardCharsets.UTF_8));
        if (!plan.smoke()) {
            // as ./entente up starts them; the first full run after a build makes the archives (the smoke run, in
            // CI after a fresh build every time, would only pay for the training)
            builder.classDataSharing(repository.resolve("bench/target/cds"));
        }
        for (Service service : Service.values()) {
            builder.servicePort(service, Children.freePort());
        }
        try (LocalStack stack = builder.build()) {
            stack.start();
            Map<String, Long> pids = stack.livePids();
            Footprint.startUp(stack, progress.toString(StandardCharsets.UTF_8), !plan.smoke(), report);
            if (funnelOnly) {
                new FunnelThroughput(plan, stack, repository).measure(report);
                return;
            }

            Thread.sleep(TimeUnit.SECONDS.toMillis(plan.idleSeconds()));
            Map<String, Double> idle = new LinkedHashMap<>();
            pids.forEach((name, pid) -> idle.put(name, RssSampler.rssMb(pid)));

            RssSampler sampler = new RssSampler(pids);
            sampler.start();
            try {
                HttpIntake.survey(plan, stack, http, home).measure(report);
                HttpIntake.funnel(plan, stack, http, home).measure(report);
            } finally {
                sampler.stop();
            }
            new EndToEnd(plan, stack, http).measure(report);
            for (Benchmark funnel : List.of(new FunnelLive(plan, stack, http),
                    new FunnelThroughput(plan, stack, repository))) {
                try {
                    funnel.measure(report);
                } catch (RuntimeException e) {
                    // one figure that cannot be taken (a refused request, an undecodable record) does not lose the
                    // others
                    report.unmeasured(funnel.getClass().getSimpleName(), String.valueOf(e.getMessage()));
                    say("  " + funnel.getClass().getSimpleName() + " not measured: " + e.getMessage());
                }
            }
            Footprint.memory(idle, sampler, report);
        }
    }
}
