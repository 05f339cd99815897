package org.entente.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The table and the notes the benchmarks add to, and the Markdown written from them: the machine, the versions, the
 * table (each figure beside its same-run baseline, its target and whether it was met) and how each figure was
 * taken. Also the formatting the rows share (ratios, met/missed, latency rows).
 */
final class Report {

    /** One line of the table. */
    record Row(String figure, String measure, String value, String baseline, String ratio, String target, String met) {
    }

    private final boolean smoke;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> unmeasured = new ArrayList<>();

    Report(boolean smoke) {
        this.smoke = smoke;
    }

    void add(Row row) {
        rows.add(row);
    }

    /** A row without a baseline, ratio or target. */
    void add(String figure, String measure, String value) {
        rows.add(new Row(figure, measure, value, "–", "–", "–", "–"));
    }

    void note(String note) {
        notes.add(note);
    }

    /** A figure that could not be taken at all (written as a note; the smoke run fails for it, see {@link Bench}). */
    void unmeasured(String figure, String reason) {
        unmeasured.add(figure);
        notes.add(figure + ": not measured: " + reason);
    }

    /** The figures that could not be taken, in the order they failed. */
    List<String> unmeasured() {
        return Collections.unmodifiableList(unmeasured);
    }

    static Double ratio(Stats value, Stats baseline) {
        return value.isEmpty() || baseline.isEmpty() || baseline.median() == 0 ? null
                : value.median() / baseline.median();
    }

    static String pct(Double ratio) {
        return ratio == null ? "–" : String.format(Locale.ROOT, "%.0f %%", ratio * 100);
    }

    static String met(Boolean met) {
        return met == null ? "?" : met ? "met" : "**missed**";
    }

    /** A "p50 / p99 ms" row of latencies in ms, met when the p99 is under the target and every sample arrived. */
    void addLatency(String figure, String measure, List<Double> samples, int expected, double targetMs) {
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

    String markdown(Duration took) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Entente benchmarks").append(smoke ? " (smoke run: too short to trust)" : "").append("\n\n");
        md.append("- Date: ").append(LocalDate.now()).append(" (").append(Instant.now()).append(")\n");
        md.append("- Machine: ").append(machine()).append("\n");
        md.append("- Versions: Java ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vm.name")).append("), Kafka ").append(AppInfoParser.getVersion())
                .append(", Spring Boot ").append(System.getProperty("bench.springBoot", "?")).append("\n");
        md.append("- Service and streams JVMs: `").append(String.join(" ", Children.SERVICE_JVM))
                .append("` (the local stack's defaults); streams JVMs override with BENCH_STREAMS_JVM: `")
                .append(String.join(" ", Children.streamsJvm())).append("`\n");
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
