package org.entente.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java runtime the services run on: its home folder and its feature release (17, 21, 25, ...). From 25 on the
 * JVM has an ahead-of-time cache (JEP 483, 514, 515: loaded and linked classes and method profiles, made by one
 * training run) that starts a Spring Boot service far quicker than the class data sharing archive of older
 * runtimes; {@link ClassDataSharing} uses whichever the runtime has.
 *
 * <p>{@link #choose} takes {@value #VARIABLE} when it is set, otherwise the newest runtime of at least
 * {@value #AOT_CACHE_RELEASE} found in the usual install folders ({@code /usr/lib/jvm}, {@code /opt/java},
 * SDKMAN's, macOS's), otherwise the launcher's own. The bytecode is release 17, so any of them runs it. It does not
 * look at the PATH beyond the launcher's own runtime, and it never installs one.
 */
record ServiceJava(Path home, int release) {

    /** Names the Java home the services run on, e.g. {@code /usr/lib/jvm/temurin-25-jdk-amd64}. */
    static final String VARIABLE = "ENTENTE_SERVICE_JAVA_HOME";
    /** The first release with {@code -XX:AOTCacheOutput} (a cache made in one training run). */
    static final int AOT_CACHE_RELEASE = 25;

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)");
    private static final List<Path> INSTALL_FOLDERS = List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"),
            Path.of(System.getProperty("user.home"), ".sdkman", "candidates", "java"),
            Path.of("/Library/Java/JavaVirtualMachines"));

    /** The runtime this JVM (the launcher) runs on. */
    static ServiceJava current() {
        return new ServiceJava(Path.of(System.getProperty("java.home")), Runtime.version().feature());
    }

    /**
     * The runtime for the services: {@value #VARIABLE} from {@code environment} when set (refused when it is not a
     * Java home), otherwise the newest with an AOT cache in {@code installFolders}, otherwise {@link #current()}.
     */
    static ServiceJava choose(Map<String, String> environment, List<Path> installFolders) {
        String chosen = environment.get(VARIABLE);
        if (chosen != null && !chosen.isBlank()) {
            return at(Path.of(chosen)).orElseThrow(() -> new LocalStackException(VARIABLE + "=" + chosen
                    + " is not a Java home (no bin/java and release file with a JAVA_VERSION there)"));
        }
        ServiceJava current = current();
        return newest(installFolders).filter(java -> java.release() >= AOT_CACHE_RELEASE)
                .filter(java -> java.release() > current.release()).orElse(current);
    }

    /** {@link #choose(Map, List)} with this process's environment and the usual install folders. */
    static ServiceJava choose() {
        return choose(System.getenv(), INSTALL_FOLDERS);
    }

    /** The Java home at {@code home} (a macOS bundle's {@code Contents/Home} too), if it is one. */
    static Optional<ServiceJava> at(Path home) {
        for (Path candidate : List.of(home, home.resolve("Contents").resolve("Home"))) {
            Path release = candidate.resolve("release");
            if (Files.isExecutable(candidate.resolve("bin").resolve("java")) && Files.isRegularFile(release)) {
                try {
                    Matcher version = JAVA_VERSION.matcher(Files.readString(release));
                    if (version.find()) {
                        return Optional.of(new ServiceJava(candidate.toAbsolutePath().normalize(),
                                Integer.parseInt(version.group(1))));
                    }
                } catch (IOException | RuntimeException e) {
                    // not a readable Java home: skipped
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ServiceJava> newest(List<Path> installFolders) {
        List<ServiceJava> found = new ArrayList<>();
        for (Path folder : installFolders) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> homes = Files.list(folder)) {
                    homes.sorted().map(ServiceJava::at).flatMap(Optional::stream).forEach(found::add);
                } catch (IOException e) {
                    // an unreadable folder holds nothing we can run
                }
            }
        }
        return found.stream().max(Comparator.comparingInt(ServiceJava::release));
    }

    /** The {@code java} executable. */
    String java() {
        return home.resolve("bin").resolve("java").toString();
    }

    /** True when this runtime makes and uses an AOT cache rather than a CDS archive. */
    boolean hasAotCache() {
        return release >= AOT_CACHE_RELEASE;
    }
}
