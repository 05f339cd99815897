package org.entente.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Several measurements of one figure: their median, smallest and largest, and how many there were. */
record Stats(List<Double> values) {

    static Stats of(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return new Stats(List.copyOf(sorted));
    }

    static Stats of(double value) {
        return of(List.of(value));
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    double median() {
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    double min() {
        return values.get(0);
    }

    double max() {
        return values.get(values.size() - 1);
    }

    /** {@code 1234 (1200–1300, n=3)}; a single value is printed alone with n=1. */
    String format(String pattern) {
        if (values.isEmpty()) {
            return "–";
        }
        String median = String.format(Locale.ROOT, pattern, median());
        if (values.size() == 1) {
            return median + " (n=1)";
        }
        return median + " (" + String.format(Locale.ROOT, pattern, min()) + "–"
                + String.format(Locale.ROOT, pattern, max()) + ", n=" + values.size() + ")";
    }

    /** The nearest-rank percentile of raw samples (0 &lt; p &le; 100). */
    static double percentile(List<Double> samples, double p) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
