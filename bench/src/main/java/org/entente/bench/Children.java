package org.entente.bench;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.entente.local.LocalStack;

/**
 * The harness's plumbing: child processes (java with the benchmark classpath, wrk) run to their end, free ports,
 * an admin client, the progress output. Static helpers only; it holds no state.
 */
final class Children {

    /** The JVM options of the services and the streams JVMs: the local stack's ({@code ENTENTE_SERVICE_JVM_OPTIONS}). */
    static final List<String> SERVICE_JVM = LocalStack.serviceJvmOptions(System.getenv());

    private Children() {
    }

    /** The streams JVMs' options: {@link #SERVICE_JVM}, or {@code BENCH_STREAMS_JVM} when set. */
    static List<String> streamsJvm() {
        String override = System.getenv("BENCH_STREAMS_JVM");
        return override == null || override.isBlank() ? SERVICE_JVM : List.of(override.trim().split("\\s+"));
    }

    /** {@code java <options> -cp <the child classpath>}, to which the caller adds a main class and its arguments. */
    static List<String> javaCommand(List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("bench.classpath"));
        return command;
    }

    /** Runs a child process to its end (or kills it after {@code limit}) and returns its output lines. */
    static List<String> run(List<String> command, Duration limit) throws Exception {
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

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    /** Everything written goes to System.out and to {@code copy}. */
    static OutputStream tee(ByteArrayOutputStream copy) {
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

    static void say(String line) {
        System.out.println(line);
    }

    static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder; the OS cleans it eventually
        }
    }
}
