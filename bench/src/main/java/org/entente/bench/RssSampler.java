package org.entente.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Samples each process's resident memory ({@code VmRSS} of {@code /proc/<pid>/status}) every half second while a
 * load runs and keeps the largest. Linux only; a process that has gone reports nothing.
 */
final class RssSampler {

    private final Map<String, Long> pids;
    private final Map<String, Double> max = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread thread;

    RssSampler(Map<String, Long> pids) {
        this.pids = pids;
    }

    /** The process's RSS in MB now, or NaN when it has gone. */
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
