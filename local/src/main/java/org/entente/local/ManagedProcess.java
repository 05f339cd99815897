package org.entente.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the local stack started: the broker or one service. Its output goes to its log file. It ignores the
 * terminal's Ctrl-C (SIGINT), so that the launcher can stop the stack in order — services first, then the broker —
 * instead of every process dying at once; SIGTERM still shuts it down cleanly.
 */
final class ManagedProcess {

    /** The argument that names a process of ours; with {@link #HOME_MARKER} it identifies it for {@code down}. */
    static final String NAME_MARKER = "-Dentente.process=";
    static final String HOME_MARKER = "-Dentente.home=";

    private final String name;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code java <markers> <jvmArgs> <mainArgs>} on the launcher's own Java runtime with the given
     * environment added (a null value removes an inherited variable), output appended to {@code logFile}, and
     * records it in the run folder.
     */
    static ManagedProcess start(String name, Path home, List<String> jvmArgs, List<String> mainArgs,
            Map<String, String> env, Path logFile, RunFolder runFolder) {
        return start(ServiceJava.current(), name, home, jvmArgs, mainArgs, env, logFile, runFolder);
    }

    /** Like {@link #start(String, Path, List, List, Map, Path, RunFolder)}, on the Java runtime {@code runtime}. */
    static ManagedProcess start(ServiceJava runtime, String name, Path home, List<String> jvmArgs,
            List<String> mainArgs, Map<String, String> env, Path logFile, RunFolder runFolder) {
        List<String> markers = markers(name, home);
        List<String> java = new ArrayList<>();
        java.add(runtime.java());
        java.addAll(markers);
        java.addAll(jvmArgs);
        java.addAll(mainArgs);

        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/bin/sh"))) {
            // An ignored signal stays ignored across exec, and the JVM then leaves SIGINT alone.
            command.addAll(List.of("/bin/sh", "-c", "trap '' INT; exec \"$0\" \"$@\""));
        }
        command.addAll(java);
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            env.forEach((variable, value) -> {
                if (value == null) {
                    builder.environment().remove(variable);
                } else {
                    builder.environment().put(variable, value);
                }
            });
            Process process = builder.start();
            runFolder.record(name, process.toHandle(), markers);
            return new ManagedProcess(name, process, logFile);
        } catch (IOException e) {
            throw new LocalStackException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    static List<String> markers(String name, Path home) {
        return List.of(NAME_MARKER + name, HOME_MARKER + home.toAbsolutePath().normalize());
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Asks the process to stop (SIGTERM) without waiting. */
    void requestStop() {
        process.destroy();
    }

    /** Waits for the process to exit; kills it if it is still running after {@code grace}. True if it exited on its own. */
    boolean awaitExit(Duration grace) {
        return awaitExit(process.toHandle(), grace);
    }

    static boolean awaitExit(ProcessHandle handle, Duration grace) {
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            handle.destroyForcibly();
            handle.onExit().join();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        }
    }

    /** Why {@code what} (this process) did not come up, for a person: the reason, its log file and its last lines. */
    LocalStackException failedToStart(String what, String why) {
        String tail = logTail(15);
        return new LocalStackException(what + " failed to start: " + why + ". Its log: " + logFile
                + (tail.isBlank() ? "" : System.lineSeparator() + "--- last lines of " + logFile.getFileName()
                        + " ---" + System.lineSeparator() + tail));
    }

    /** The last lines of the process's log, to show why it failed. */
    String logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "";
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
