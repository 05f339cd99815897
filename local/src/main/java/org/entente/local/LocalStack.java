package org.entente.local;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Entente on one machine: a KRaft Kafka broker and the services, each its own process, with their data, state,
 * logs and pid records under one home folder ({@code .entente} in the repository for {@code ./entente up}, a temp
 * folder in a test).
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder()
 *         .home(tempDir).brokerPort(freePort()).controllerPort(freePort())
 *         .servicePort(Service.SURVEY, freePort())      // one per service started
 *         .services(EnumSet.allOf(Service.class))       // the default; EnumSet.noneOf(...) for a bare broker
 *         .build()) {
 *     stack.start();                                    // broker, topics, services, all healthy — or throws
 *     stack.bootstrapServers();  stack.url(Service.SURVEY);
 * }                                                     // close() stops services, then the broker
 * }</pre>
 *
 * <p>{@link #start()} refuses when a stack is already running from the same home or a port is taken, and stops
 * whatever it started if any part fails to come up. It does not restart a process that dies later, and it runs
 * the services from their built jars ({@code <module>/target/<module>.jar}); it never builds them.
 *
 * <p>The parts, each in a class of its own: {@link StackSettings} (what the builder fixed), {@link StackPorts},
 * {@link BrokerStart}, {@link KafkaSetup} (logins, ACLs, topics), {@link ServiceLaunch}, {@link HealthProbe},
 * {@link StackProcesses} (what runs, and stopping it) and {@link RecordedProcesses} (the pid records' uses).
 */
public final class LocalStack implements AutoCloseable {

    static final String BROKER = "kafka";
    /** The logging set-up of the broker and the launcher: everything to the file named by {@link #LOG_FILE_PROPERTY}. */
    static final String LOG_CONFIG = "entente-log4j2.xml";
    static final String LOG_CONFIG_PROPERTY = "log4j2.configurationFile";
    static final String LOG_FILE_PROPERTY = "entente.log.file";

    private final StackSettings settings;
    private final RunFolder runFolder;
    private final StackProcesses processes = new StackProcesses();
    private final ServiceLaunch serviceLaunch;
    private final HealthProbe healthProbe = new HealthProbe();

    private LocalStack(StackSettings settings) {
        this.settings = settings;
        this.runFolder = new RunFolder(settings.home().resolve("run"));
        this.serviceLaunch = new ServiceLaunch(settings, processes, runFolder);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the broker, creates every topic of the contract and its dead-letter topic, starts the services and
     * waits until each reports UP. Throws {@link LocalStackException} with a message for a person (naming the part
     * and its log file) if anything fails; what was started is stopped again.
     */
    public void start() {
        processes.markStarted();
        RecordedProcesses.refuseIfRunning(runFolder, settings.home());
        StackPorts.refuseTaken(settings);
        try {
            BrokerStart.start(settings, processes, runFolder);
            if (settings.saslKafka()) {
                KafkaSetup.grantAccess(settings);
            }
            KafkaSetup.createTopics(settings);
            if (!settings.services().isEmpty()) {
                long started = serviceLaunch.startAll();
                healthProbe.awaitAll(settings, processes, started);
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * Stops the services (all at once, waiting for each), then the broker. Safe to call more than once, and from
     * another thread while {@link #start()} is still waiting (a shutdown hook): the start then gives up.
     */
    public void stop() {
        processes.stopAll(settings.out(), runFolder);
    }

    @Override
    public void close() {
        stop();
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /** True when clients must log in to the broker (SASL_PLAINTEXT, SCRAM-SHA-512). */
    public boolean saslKafka() {
        return settings.saslKafka();
    }

    /** The credentials the services were given; null when the stack was built without any. */
    public StackSecrets secrets() {
        return settings.secrets();
    }

    /**
     * What an administrator's Kafka client of this stack needs: the bootstrap servers and, with SASL, the broker's
     * own login, the super user (the same {@code ENTENTE_KAFKA_*} settings the services read). Add a client's own
     * settings to a copy.
     */
    public Map<String, Object> kafkaClientConfig() {
        return settings.kafkaClientConfig(settings.saslKafka() ? settings.secrets().brokerLogin() : null);
    }

    /**
     * Like {@link #kafkaClientConfig()}, logged in as a service or the integrating applications instead, with only
     * that login's grants ({@link KafkaAccess}); without SASL, the same plain settings.
     */
    public Map<String, Object> kafkaClientConfig(KafkaAccess.Principal principal) {
        return settings.kafkaClientConfig(settings.saslKafka() ? settings.secrets().kafkaLogin(principal) : null);
    }

    public int port(Service service) {
        return settings.port(service);
    }

    /** The service's base URL, e.g. {@code http://127.0.0.1:8081}. */
    public URI url(Service service) {
        return URI.create("http://127.0.0.1:" + port(service));
    }

    public Set<Service> services() {
        return EnumSet.copyOf(settings.services());
    }

    public Path home() {
        return settings.home();
    }

    public Path logFile(String processName) {
        return settings.logFile(processName);
    }

    public Path logFile(Service service) {
        return logFile(service.module());
    }

    /** Where the broker keeps its data. */
    public Path kafkaDataDir() {
        return settings.kafkaDataDir();
    }

    /** The pids of the processes this stack started and that are still running, by process name. */
    public Map<String, Long> livePids() {
        return processes.livePids();
    }

    /** The started processes that are no longer running, e.g. to tell the user a service stopped on its own. */
    List<ManagedProcess> deadProcesses() {
        return processes.dead();
    }

    /** True once {@link #stop()} has begun. */
    public boolean isStopping() {
        return processes.isStopping();
    }

    /**
     * Stops the processes recorded under {@code home} by a stack started elsewhere (another shell, another JVM):
     * the launcher first, which stops its own processes in order, then any recorded service, then the broker.
     * Only processes that are still ours are touched (see {@link RunFolder}). Returns what it stopped.
     */
    public static List<String> stopRecorded(Path home, PrintStream out) {
        return RecordedProcesses.stop(home, out);
    }

    /**
     * Starts one more instance of a service next to the stack, under its own name (its log is
     * {@code logs/<name>.log}, its state {@code state/<name>}), with {@code overrides} added to its environment; it
     * does not wait for it to come up. {@link #stop()} stops it with the others. For tests that need a service
     * started differently, e.g. with a wrong Kafka password.
     */
    ManagedProcess startExtra(Service service, String name, int port, Map<String, String> overrides) {
        return serviceLaunch.startExtra(service, name, port, overrides);
    }

    /** Null when the process at {@code url} reports UP, otherwise what it answered instead. */
    String healthAt(URI url) throws InterruptedException {
        return healthProbe.health(url);
    }

    static String since(long startedNanos) {
        return String.format("%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while starting the stack", e);
        }
    }

    /** Names the services' JVM options, separated by spaces, in place of {@link #SERVICE_JVM_OPTIONS}. */
    public static final String SERVICE_JVM_OPTIONS_VARIABLE = "ENTENTE_SERVICE_JVM_OPTIONS";

    /** The services' JVM options unless {@value #SERVICE_JVM_OPTIONS_VARIABLE} names others: a small, bounded heap. */
    public static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-Xmn40m",
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** The services' JVM options in this environment: {@value #SERVICE_JVM_OPTIONS_VARIABLE}'s, or the defaults. */
    public static List<String> serviceJvmOptions(Map<String, String> environment) {
        String named = environment.getOrDefault(SERVICE_JVM_OPTIONS_VARIABLE, "").trim();
        return named.isEmpty() ? SERVICE_JVM_OPTIONS : List.of(named.split("\\s+"));
    }

    /** How to start a stack; every setting has the default of {@code ./entente up}. */
    public static final class Builder {

        private Path repository;
        private Path home;
        private int brokerPort = 9092;
        private int controllerPort = 9093;
        private final Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        private EnumSet<Service> services = EnumSet.allOf(Service.class);
        private String brokerClasspath = System.getProperty("java.class.path");
        private List<String> serviceJvmOptions = LocalStack.serviceJvmOptions(System.getenv());
        private Duration startTimeout = Duration.ofMinutes(5);
        private int partitions = 3;
        private PrintStream out = System.out;
        private StackSecrets secrets;
        private boolean saslKafka;
        private Path classDataSharing;
        private ServiceJava serviceJava = ServiceJava.current();

        private Builder() {
            for (Service service : Service.values()) {
                servicePorts.put(service, service.defaultPort());
            }
        }

        /** The checkout whose {@code <module>/target/<module>.jar} files are run; found from the working folder by default. */
        public Builder repository(Path repository) {
            this.repository = repository;
            return this;
        }

        /** The folder the stack owns: kafka/ (broker data), state/, logs/, run/. Default {@code <repository>/.entente}. */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        public Builder brokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        public Builder servicePort(Service service, int port) {
            servicePorts.put(service, port);
            return this;
        }

        /** Which services to start; an empty set starts only the broker (and creates the topics). */
        public Builder services(Set<Service> services) {
            this.services = services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(services);
            return this;
        }

        /** The classpath holding {@link KafkaBroker} and the Kafka jars; by default this JVM's own. */
        public Builder brokerClasspath(String classpath) {
            this.brokerClasspath = classpath;
            return this;
        }

        /** JVM options for every service (by default a small heap, tuned for start-up on small machines). */
        public Builder serviceJvmOptions(List<String> options) {
            this.serviceJvmOptions = List.copyOf(options);
            return this;
        }

        /**
         * How long the broker, and then the services together, may take to come up. Default 5 minutes: a busy
         * two-core machine can need three.
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /**
         * The credentials handed to the services (API and intake tokens, sign-in users, the label key, and the
         * Kafka logins when {@link #saslKafka(boolean)}); none by default, and then the services refuse every request
         * but their open paths.
         */
        public Builder secrets(StackSecrets secrets) {
            this.secrets = secrets;
            return this;
        }

        /**
         * Whether clients must log in to the broker: SASL_PLAINTEXT with SCRAM-SHA-512, the logins of
         * {@link #secrets(StackSecrets)} (made up when none are given), passed to the services as
         * {@code ENTENTE_KAFKA_*}. Off by default.
         */
        public Builder saslKafka(boolean saslKafka) {
            this.saslKafka = saslKafka;
            return this;
        }

        /**
         * Runs the services with class data sharing ({@link ClassDataSharing}), their extracted jars and archives
         * kept in {@code cache} (made there at the first start after a build); off (null) by default.
         */
        public Builder classDataSharing(Path cache) {
            this.classDataSharing = cache == null ? null : cache.toAbsolutePath().normalize();
            return this;
        }

        /**
         * The Java runtime the services run on (by default the launcher's own; {@link ServiceJava#choose()} picks
         * the newest installed one, as {@code ./entente up} does). With class data sharing on, a runtime of release
         * {@value ServiceJava#AOT_CACHE_RELEASE} or later gets an AOT cache instead of a CDS archive.
         */
        public Builder serviceJava(Path javaHome) {
            this.serviceJava = ServiceJava.at(javaHome).orElseThrow(() -> new LocalStackException(javaHome
                    + " is not a Java home (no bin/java and release file there)"));
            return this;
        }

        Builder serviceJava(ServiceJava runtime) {
            this.serviceJava = Objects.requireNonNull(runtime);
            return this;
        }

        /** Where progress goes; System.out by default. */
        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out);
            return this;
        }

        public LocalStack build() {
            if (repository == null) {
                repository = findRepository(Path.of("").toAbsolutePath());
            }
            repository = repository.toAbsolutePath().normalize();
            home = (home == null ? repository.resolve(".entente") : home).toAbsolutePath().normalize();
            if (saslKafka && secrets == null) {
                secrets = StackSecrets.generate();
            }
            // The stack keeps its own copy, so changing this builder afterwards does not change a built stack.
            return new LocalStack(new StackSettings(repository, home, brokerPort, controllerPort, servicePorts,
                    services, brokerClasspath, serviceJvmOptions, startTimeout, partitions, out, secrets, saslKafka,
                    serviceJava, classDataSharing));
        }

        /** The nearest folder, from {@code start} upwards, that holds the Maven wrapper and the local module. */
        static Path findRepository(Path start) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("local"))) {
                    return dir;
                }
            }
            throw new LocalStackException("cannot find the Entente repository (a folder with mvnw and local/) from "
                    + start + "; run from inside the repository");
        }
    }
}
