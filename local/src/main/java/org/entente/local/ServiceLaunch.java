package org.entente.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the services from their built jars, each in a JVM of its own with the stack's JVM options, its port, the
 * broker, its state folder and the stack's credentials in its environment. It never builds a jar; waiting until
 * they are UP is {@link HealthProbe}'s job.
 */
final class ServiceLaunch {

    /** glibc's limit on malloc arenas, set for every service unless the caller's environment sets it. */
    static final String MALLOC_ARENA_MAX = "MALLOC_ARENA_MAX";

    private final StackSettings settings;
    private final StackProcesses processes;
    private final RunFolder runFolder;
    private final ClassDataSharing classDataSharing; // null: every service runs from its jar

    ServiceLaunch(StackSettings settings, StackProcesses processes, RunFolder runFolder) {
        this.settings = settings;
        this.processes = processes;
        this.runFolder = runFolder;
        this.classDataSharing = settings.classDataSharing() == null ? null
                : new ClassDataSharing(settings.classDataSharing(), settings);
    }

    /**
     * Starts every service of the settings (refusing when a jar is missing) without waiting for them; returns when
     * (System.nanoTime) it began launching them, after any class data sharing training.
     */
    long startAll() {
        for (Service service : settings.services()) {
            Path jar = settings.jar(service);
            if (!Files.isRegularFile(jar)) {
                throw new LocalStackException(jar + " is missing: build it first with"
                        + " ./mvnw -B -q -DskipTests install (./entente up does that for you)");
            }
        }
        ServiceJava java = settings.serviceJava();
        settings.out().println("The services run on Java " + java.release() + " (" + java.home() + ")"
                + (classDataSharing == null ? "" : java.hasAotCache() ? ", with AOT caches" : ", with CDS archives"));
        if (classDataSharing != null) {
            classDataSharing.prepare(settings.services(),
                    service -> environment(service, settings.port(service), service.module()));
            processes.checkNotStopped();
        }
        long started = System.nanoTime();
        for (Service service : settings.services()) {
            settings.out().println("Starting " + service.module() + " on port " + settings.port(service));
            Map<String, String> env = environment(service, settings.port(service), service.module());
            processes.launchService(service, () -> start(service, service.module(), env));
        }
        return started;
    }

    /**
     * Starts one more instance of a service under its own name (log {@code logs/<name>.log}, state
     * {@code state/<name>}), with {@code overrides} added to its environment; it does not wait for it to come up.
     */
    ManagedProcess startExtra(Service service, String name, int port, Map<String, String> overrides) {
        Map<String, String> env = environment(service, port, name);
        env.putAll(overrides);
        return processes.launchExtra(() -> start(service, name, env));
    }

    private ManagedProcess start(Service service, String name, Map<String, String> env) {
        List<String> jvm = new ArrayList<>(settings.serviceJvmOptions(service));
        List<String> main = List.of("-jar", settings.jar(service).toAbsolutePath().toString());
        if (classDataSharing != null) {
            ClassDataSharing.Launch launch = classDataSharing.launch(service);
            jvm.addAll(launch.jvmOptions());
            main = launch.mainArgs();
        }
        return ManagedProcess.start(settings.serviceJava(), name, settings.home(), jvm, main, env,
                settings.logFile(name), runFolder);
    }

    /**
     * What a service process gets in its environment: its port and the broker, its state folder, the stack's
     * credentials, and {@code MALLOC_ARENA_MAX=2} unless the caller set it. Inherited {@code ENTENTE_KAFKA_*}
     * variables are removed (a null value removes), so the caller's settings for another Kafka never reach the local
     * one; the stack sets its own when the broker wants a login.
     */
    private Map<String, String> environment(Service service, int port, String stateName) {
        Map<String, String> env = new LinkedHashMap<>();
        System.getenv().keySet().stream().filter(name -> name.startsWith("ENTENTE_KAFKA_"))
                .forEach(name -> env.put(name, null));
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", settings.bootstrapServers());
        env.put("ENTENTE_STATE_DIR", settings.home().resolve("state").resolve(stateName).toAbsolutePath().toString());
        // glibc makes up to 8 malloc arenas per core for a JVM's many threads, and RocksDB's native allocations
        // spread over them and stay resident (bench/results/experiments/2026-12-06-vm-memory.md).
        env.put(MALLOC_ARENA_MAX, System.getenv().getOrDefault(MALLOC_ARENA_MAX, "2"));
        if (settings.secrets() != null) {
            env.putAll(settings.secrets().serviceEnvironment(service, settings.saslKafka()));
        }
        return env;
    }
}
