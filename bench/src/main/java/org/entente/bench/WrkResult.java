package org.entente.bench;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one wrk run reported: requests per second, p50 and p99 latency (ms), and failed requests. */
record WrkResult(double rate, double p50, double p99, long errors) {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");

    static WrkResult parse(List<String> output) {
        double rate = Double.NaN;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        long errors = 0;
        for (String line : output) {
            Matcher m = RATE.matcher(line);
            if (m.find()) {
                rate = Double.parseDouble(m.group(1));
            }
            m = PERCENTILE.matcher(line);
            if (m.find()) {
                double value = Double.parseDouble(m.group(2));
                double ms = switch (m.group(3)) {
                    case "us" -> value / 1000;
                    case "s" -> value * 1000;
                    default -> value;
                };
                if (m.group(1).equals("50")) {
                    p50 = ms;
                } else {
                    p99 = ms;
                }
            }
            m = NON_2XX.matcher(line);
            if (m.find()) {
                errors += Long.parseLong(m.group(1));
            }
            m = SOCKET.matcher(line);
            if (m.find()) {
                for (int g = 1; g <= 4; g++) {
                    errors += Long.parseLong(m.group(g));
                }
            }
        }
        if (Double.isNaN(rate)) {
            throw new IllegalStateException("wrk printed no result:\n" + String.join("\n", output));
        }
        return new WrkResult(rate, p50, p99, errors);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.0f req/s, p50 %.1f ms, p99 %.1f ms, %d errors", rate, p50, p99, errors);
    }
}
