package org.entente.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.entente.local.LocalStack;
import org.entente.local.Service;

/**
 * Figure 5: each service's start-up (its own log's "Started … in" and the local stack's "is UP" line), and each
 * process's RSS idle and under load ({@link RssSampler}). Not a {@link Benchmark}: it reads what the suite's start
 * and load left behind rather than running a load of its own.
 */
final class Footprint {

    private static final String FIGURE = "5. Footprint";
    private static final Pattern UP_LINE = Pattern.compile("^\\s+(\\S+) is UP \\(([0-9.]+) s\\)");
    private static final Pattern STARTED_LINE = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");

    private Footprint() {
    }

    /** Rows from the stack's progress output (its "is UP" lines) and each service's log. */
    static void startUp(LocalStack stack, String progress, boolean classDataSharing, Report report)
            throws IOException {
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
            report.add(FIGURE, service.module() + " start-up s (own log / until UP)",
                    own + " / " + up.getOrDefault(service.module(), "?") + " (n=1)");
        }
        report.note("Start-up: the four services start at once on the same cores, so each one's time includes the "
                + "others' (\"own log\" is Spring Boot's \"Started … in\", \"until UP\" is when /actuator/health "
                + "first answered UP, counted from the launch of the services). "
                + (classDataSharing ? "With class data sharing, as ./entente up starts them (archives in "
                        + "bench/target/cds, made before the services start by the first full run after a build)."
                        : "Without class data sharing (the smoke run)."));
    }

    /** One row per process: its RSS idle and the largest sampled under load; services against the 350 MB target. */
    static void memory(Map<String, Double> idle, RssSampler loaded, Report report) {
        for (var entry : idle.entrySet()) {
            String name = entry.getKey();
            double max = loaded.max(name);
            boolean service = !name.equals("kafka");
            report.add(new Report.Row(FIGURE, name + " RSS MB, idle / under load",
                    String.format(Locale.ROOT, "%.0f / %.0f", entry.getValue(), max), "–", "–",
                    service ? "< 350 MB under load" : "–", service ? Report.met(max < 350) : "–"));
        }
    }
}
