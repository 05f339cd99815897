package org.entente.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Class data sharing for the services (a JVM feature; Spring Boot documents it under "Class Data Sharing" and "AOT
 * Cache"): each service runs from its jar extracted into {@code <cache>/<module>/app}
 * ({@code java -Djarmode=tools -jar … extract}) with an archive made by a training run with
 * {@code -Dspring.context.exit=onRefresh} (the context is refreshed, then the JVM exits before anything starts),
 * which the JVM maps instead of loading and verifying those classes again at every start. On a runtime of release
 * {@value ServiceJava#AOT_CACHE_RELEASE} or later the archive is an AOT cache ({@code -XX:AOTCacheOutput}, then
 * {@code -XX:AOTCache}: classes loaded and linked, with method profiles), on an older one a dynamic CDS archive
 * ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile}).
 *
 * <p>An archive is remade when its service's jar, the services' Java runtime or the JVM options change (a stamp
 * beside it says for which it was made); the trainings run together, against the stack's running broker, before
 * the services start, so the first start after a build takes longer and every later one is quicker. A service whose
 * training fails runs from its jar as before (the reason is in {@code <cache>/<module>/training.log}). Not done for
 * the container images: an archive only fits the exact JDK that made it.
 */
final class ClassDataSharing {

    /** What to run a service with: JVM options added to the stack's, and the main arguments. */
    record Launch(List<String> jvmOptions, List<String> mainArgs) {
    }

    private final Path cache;
    private final StackSettings settings;

    ClassDataSharing(Path cache, StackSettings settings) {
        this.cache = cache;
        this.settings = settings;
    }

    /** How to run the service: from its extracted jar with its archive when there is an up-to-date one. */
    Launch launch(Service service) {
        if (isCurrent(service)) {
            return new Launch(useOptions(settings.serviceJava(), archive(service)),
                    List.of("-jar", extractedJar(service).toAbsolutePath().toString()));
        }
        return new Launch(List.of(), List.of("-jar", settings.jar(service).toAbsolutePath().toString()));
    }

    /**
     * Makes the missing or stale archives of these services, all trainings at once; {@code environment} gives a
     * training run its service's environment (the broker and the credentials it starts with).
     */
    void prepare(Set<Service> services, Function<Service, Map<String, String>> environment) {
        Map<Service, Process> trainings = new EnumMap<>(Service.class);
        for (Service service : services) {
            if (!isCurrent(service)) {
                try {
                    trainings.put(service, train(service, environment.apply(service)));
                } catch (IOException | UncheckedIOException e) {
                    settings.out().println("  no class data sharing for " + service.module() + ": " + e.getMessage());
                }
            }
        }
        if (trainings.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        settings.out().println("Making " + (aotCache() ? "AOT caches" : "class data sharing archives")
                + " (once per build) for "
                + String.join(", ", trainings.keySet().stream().map(Service::module).toList()));
        for (var training : trainings.entrySet()) {
            Service service = training.getKey();
            Path dir = cache.resolve(service.module());
            long left = settings.startTimeout().toNanos() - (System.nanoTime() - started);
            Path trained = dir.resolve("training." + extension());
            if (finished(training.getValue(), left) && Files.isRegularFile(trained)) {
                try {
                    Files.move(trained, archive(service), StandardCopyOption.REPLACE_EXISTING);
                    Files.writeString(dir.resolve("stamp"), stamp(service));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                settings.out().println("  no class data sharing for " + service.module() + " this time: its training"
                        + " run failed (" + dir.resolve("training.log") + ")");
            }
        }
        settings.out().printf("  archives ready (%s)%n", LocalStack.since(started));
    }

    private boolean isCurrent(Service service) {
        Path dir = cache.resolve(service.module());
        try {
            return Files.isRegularFile(archive(service)) && Files.isRegularFile(extractedJar(service))
                    && Files.isRegularFile(dir.resolve("stamp"))
                    && Files.readString(dir.resolve("stamp")).equals(stamp(service));
        } catch (IOException e) {
            return false;
        }
    }

    /** Extracts the jar afresh and starts its training run (output in training.log). */
    private Process train(Service service, Map<String, String> env) throws IOException {
        Path dir = cache.resolve(service.module());
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Path log = dir.resolve("training.log");
        String java = settings.serviceJava().java();
        Process extract = new ProcessBuilder(java, "-Djarmode=tools", "-jar",
                settings.jar(service).toAbsolutePath().toString(), "extract", "--destination",
                dir.resolve("app").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!finished(extract, TimeUnit.MINUTES.toNanos(2))) {
            throw new IOException("could not extract " + settings.jar(service) + " (" + log + ")");
        }
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(settings.serviceJvmOptions(service));
        command.addAll(List.of(recordOption(settings.serviceJava(), dir.resolve("training." + extension())),
                "-Dspring.context.exit=onRefresh", "-jar", extractedJar(service).toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        env.forEach((variable, value) -> {
            if (value == null) {
                builder.environment().remove(variable);
            } else {
                builder.environment().put(variable, value);
            }
        });
        // Nothing is served or consumed during a training run; its state folder and port are its own.
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().put("ENTENTE_STATE_DIR", dir.resolve("state").toAbsolutePath().toString());
        return builder.start();
    }

    private static boolean finished(Process process, long nanos) {
        try {
            if (!process.waitFor(Math.max(0, nanos), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return false;
            }
            return process.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new LocalStackException("interrupted while making class data sharing archives", e);
        }
    }

    /** True when the services' runtime makes AOT caches; false: CDS archives. */
    private boolean aotCache() {
        return settings.serviceJava().hasAotCache();
    }

    private String extension() {
        return extension(settings.serviceJava());
    }

    /** The file ending of {@code runtime}'s archives: {@code aot} (an AOT cache) or {@code jsa} (CDS). */
    static String extension(ServiceJava runtime) {
        return runtime.hasAotCache() ? "aot" : "jsa";
    }

    /** The JVM options that run a process on {@code runtime} with the archive {@code archive}. */
    static List<String> useOptions(ServiceJava runtime, Path archive) {
        String file = archive.toAbsolutePath().toString();
        return runtime.hasAotCache() ? List.of("-XX:AOTCache=" + file)
                : List.of("-XX:SharedArchiveFile=" + file, "-Xshare:auto");
    }

    /** The JVM option that makes {@code runtime} write the archive of what it ran to {@code file} when it exits. */
    static String recordOption(ServiceJava runtime, Path file) {
        String path = file.toAbsolutePath().toString();
        return runtime.hasAotCache() ? "-XX:AOTCacheOutput=" + path : "-XX:ArchiveClassesAtExit=" + path;
    }

    /** The service's archive: {@code app.aot} (an AOT cache) or {@code app.jsa} (a CDS archive). */
    private Path archive(Service service) {
        return cache.resolve(service.module()).resolve("app." + extension());
    }

    private Path extractedJar(Service service) {
        return cache.resolve(service.module()).resolve("app").resolve(service.module() + ".jar");
    }

    /** The services' runtime's release file (its exact version and build), empty when there is none. */
    private String javaVersion() throws IOException {
        Path release = settings.serviceJava().home().resolve("release");
        return Files.isRegularFile(release) ? Files.readString(release) : "";
    }

    /** What an archive was made for: the jar (size and time), the Java runtime and the JVM options. */
    String stamp(Service service) throws IOException {
        Path jar = settings.jar(service);
        return String.join("\n", jar.toAbsolutePath().toString(), String.valueOf(Files.size(jar)),
                Files.getLastModifiedTime(jar).toString(), settings.serviceJava().home().toString(),
                String.valueOf(settings.serviceJava().release()), javaVersion(), String.join(" ", settings.serviceJvmOptions(service)));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
