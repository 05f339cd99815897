package org.entente.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pid records of a home folder ({@link RunFolder}) are used for: refusing a second stack on the same home,
 * and {@code ./entente down}, which stops a stack started elsewhere. Only processes that are still ours are
 * touched.
 */
final class RecordedProcesses {

    private RecordedProcesses() {
    }

    /** Refuses to start while a process recorded under the run folder still runs; forgets the dead ones. */
    static void refuseIfRunning(RunFolder runFolder, Path home) {
        List<RunFolder.Entry> live = runFolder.live();
        if (!live.isEmpty()) {
            StringBuilder which = new StringBuilder();
            live.forEach(e -> which.append(which.isEmpty() ? "" : ", ").append(e.name()).append(" (pid ")
                    .append(e.pid()).append(')'));
            throw new LocalStackException("A stack is already running from " + home + ": " + which
                    + ". Stop it first (./entente down, or Ctrl-C in its terminal).");
        }
        runFolder.forgetDead();
    }

    /**
     * Stops the processes recorded under {@code home}: the launcher first, which stops its own processes in order,
     * then any recorded service, then the broker. Returns what it stopped.
     */
    static List<String> stop(Path home, PrintStream out) {
        RunFolder runFolder = new RunFolder(home.resolve("run"));
        List<RunFolder.Entry> live = new ArrayList<>(runFolder.live());
        live.sort((a, b) -> Integer.compare(stopOrder(a.name()), stopOrder(b.name())));
        for (RunFolder.Entry entry : live) {
            // The launcher, stopped first, may already have stopped the others in its own order.
            entry.process().ifPresent(process -> {
                out.println("Stopping " + entry.name() + " (pid " + entry.pid() + ")");
                process.destroy();
                Duration grace = entry.name().equals(Entente.LAUNCHER)
                        ? StackProcesses.STOP_GRACE.multipliedBy(3) : StackProcesses.STOP_GRACE;
                if (!ManagedProcess.awaitExit(process, grace)) {
                    out.println("  " + entry.name() + " did not stop within " + grace.toSeconds() + " s; killed it");
                }
            });
        }
        runFolder.forgetDead();
        List<String> stopped = new ArrayList<>();
        for (RunFolder.Entry entry : live) {
            if (ProcessHandle.of(entry.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                out.println("  " + entry.name() + " (pid " + entry.pid() + ") is still running");
            } else {
                stopped.add(entry.name());
            }
        }
        return stopped;
    }

    private static int stopOrder(String name) {
        if (name.equals(Entente.LAUNCHER)) {
            return 0;
        }
        return name.equals(LocalStack.BROKER) ? 2 : 1;
    }
}
