package org.entente.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Class data sharing for the stack's Kafka broker, in {@code <cache>/kafka}: the broker has no "exit once started"
 * mode for a training run of its own, so a broker that has no archive records one while it runs for real
 * ({@code -XX:AOTCacheOutput} on Java 25 and later, {@code -XX:ArchiveClassesAtExit} before) and writes it when the
 * stack stops; the next start takes it up and maps it ({@link ClassDataSharing#useOptions}). Recording costs the
 * first run a little, and its stop more (Java 25 assembles the cache in a child JVM as the broker exits: minutes on a
 * busy machine, after the stack has stopped waiting; the broker's data is already closed by then). An archive the
 * stop cut short before it was written is simply recorded again; one cut short while written is refused by the JVM,
 * which then starts without it until the next build.
 *
 * <p>An archive is used only while its stamp still says the same runtime, JVM options and classpath jars (each
 * one's size and time) it was recorded with.
 */
final class BrokerArchive {

    private final Path dir;
    private final ServiceJava runtime;
    private final List<String> jvmOptions;
    private final String classpath;

    BrokerArchive(Path cache, ServiceJava runtime, List<String> jvmOptions, String classpath) {
        this.dir = cache.resolve(LocalStack.BROKER);
        this.runtime = runtime;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.classpath = classpath;
    }

    /**
     * The JVM options to add for this start: the archive's when an up-to-date one is there (taking up one that the
     * last run recorded), otherwise those that record one. Never fails: without a usable folder it adds nothing.
     */
    List<String> options() {
        try {
            String stamp = stamp();
            Path archive = dir.resolve("app." + ClassDataSharing.extension(runtime));
            Path recorded = dir.resolve("recorded." + ClassDataSharing.extension(runtime));
            if (Files.isRegularFile(recorded) && stamp.equals(read(dir.resolve("recorded.stamp")))) {
                Files.move(recorded, archive, StandardCopyOption.REPLACE_EXISTING);
                Files.move(dir.resolve("recorded.stamp"), dir.resolve("stamp"), StandardCopyOption.REPLACE_EXISTING);
            }
            // Java 25 leaves its recording's configuration behind when the stop outlasts the stack's grace period
            Files.deleteIfExists(dir.resolve("recorded.aot.config"));
            if (Files.isRegularFile(archive) && stamp.equals(read(dir.resolve("stamp")))) {
                return ClassDataSharing.useOptions(runtime, archive);
            }
            Files.createDirectories(dir);
            Files.deleteIfExists(recorded);
            Files.writeString(dir.resolve("recorded.stamp"), stamp);
            return List.of(ClassDataSharing.recordOption(runtime, recorded));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** What an archive is recorded for: the runtime (its release file), the JVM options and the classpath's jars. */
    String stamp() throws IOException {
        List<String> lines = new ArrayList<>(List.of(runtime.home().toString(), String.valueOf(runtime.release()),
                read(runtime.home().resolve("release")), String.join(" ", jvmOptions)));
        for (String entry : classpath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            lines.add(entry + (Files.isRegularFile(path)
                    ? " " + Files.size(path) + " " + Files.getLastModifiedTime(path) : ""));
        }
        return String.join("\n", lines);
    }

    private static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file) : "";
    }
}
