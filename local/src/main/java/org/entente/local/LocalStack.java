package org.entente.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.TopicExistsException;
import org.entente.schemas.Topics;
import org.entente.security.kafka.KafkaClientSecurity;

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
 */
public final class LocalStack implements AutoCloseable {

    private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    static final String BROKER = "kafka";
    /** The logging set-up of the broker and the launcher: everything to the file named by {@link #LOG_FILE_PROPERTY}. */
    static final String LOG_CONFIG = "entente-log4j2.xml";
    static final String LOG_CONFIG_PROPERTY = "log4j2.configurationFile";
    static final String LOG_FILE_PROPERTY = "entente.log.file";

    private final Builder settings;
    private final RunFolder runFolder;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Object lock = new Object();
    private final Map<Service, ManagedProcess> services = new EnumMap<>(Service.class); // guarded by lock
    private final List<ManagedProcess> extras = new ArrayList<>(); // guarded by lock
    private ManagedProcess broker; // guarded by lock
    private boolean started; // guarded by lock
    private boolean stopped; // guarded by lock

    private LocalStack(Builder settings) {
        this.settings = settings;
        this.runFolder = new RunFolder(settings.home.resolve("run"));
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
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("a LocalStack starts once; build another one to start again");
            }
            started = true;
        }
        refuseIfRunning();
        refuseTakenPorts();
        try {
            startBroker();
            if (settings.saslKafka) {
                grantAccess();
            }
            createTopics();
            startServices();
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
        List<ManagedProcess> runningServices;
        ManagedProcess runningBroker;
        synchronized (lock) {
            stopped = true;
            List<ManagedProcess> all = new ArrayList<>(extras);
            all.addAll(services.values());
            runningServices = List.copyOf(all);
            runningBroker = broker;
        }
        for (ManagedProcess service : runningServices) {
            if (service.isAlive()) {
                settings.out.println("Stopping " + service.name() + " (pid " + service.pid() + ")");
                service.requestStop();
            }
        }
        for (ManagedProcess service : runningServices) {
            service.awaitExit(STOP_GRACE);
            runFolder.forget(service.name());
        }
        if (runningBroker != null) {
            if (runningBroker.isAlive()) {
                settings.out.println("Stopping the Kafka broker (pid " + runningBroker.pid() + ")");
                runningBroker.requestStop();
            }
            runningBroker.awaitExit(STOP_GRACE);
            runFolder.forget(BROKER);
        }
    }

    /** Starts a process unless the stack is being stopped, so that no process outlives a stop. */
    private ManagedProcess launch(Supplier<ManagedProcess> starter) {
        synchronized (lock) {
            if (stopped) {
                throw new LocalStackException("the stack was stopped while starting");
            }
            return starter.get();
        }
    }

    private void checkNotStopped() {
        synchronized (lock) {
            if (stopped) {
                throw new LocalStackException("the stack was stopped while starting");
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + settings.brokerPort;
    }

    /** True when clients must log in to the broker (SASL_PLAINTEXT, SCRAM-SHA-512). */
    public boolean saslKafka() {
        return settings.saslKafka;
    }

    /** The credentials the services were given; null when the stack was built without any. */
    public StackSecrets secrets() {
        return settings.secrets;
    }

    /**
     * What an administrator's Kafka client of this stack needs: the bootstrap servers and, with SASL, the broker's
     * own login, the super user (the same {@code ENTENTE_KAFKA_*} settings the services read). Add a client's own
     * settings to a copy.
     */
    public Map<String, Object> kafkaClientConfig() {
        return kafkaClientConfig(settings.saslKafka ? settings.secrets.brokerLogin() : null);
    }

    /**
     * Like {@link #kafkaClientConfig()}, logged in as a service or the integrating applications instead, with only
     * that login's grants ({@link KafkaAccess}); without SASL, the same plain settings.
     */
    public Map<String, Object> kafkaClientConfig(KafkaAccess.Principal principal) {
        return kafkaClientConfig(settings.saslKafka ? settings.secrets.kafkaLogin(principal) : null);
    }

    private Map<String, Object> kafkaClientConfig(ScramUsers.User login) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (login != null) {
            config.putAll(KafkaClientSecurity.fromEnvironment(StackSecrets.kafkaEnvironment(login)));
        }
        return config;
    }

    public int port(Service service) {
        return settings.servicePorts.get(service);
    }

    /** The service's base URL, e.g. {@code http://127.0.0.1:8081}. */
    public URI url(Service service) {
        return URI.create("http://127.0.0.1:" + port(service));
    }

    public Set<Service> services() {
        return EnumSet.copyOf(settings.services);
    }

    public Path home() {
        return settings.home;
    }

    public Path logFile(String processName) {
        return settings.home.resolve("logs").resolve(processName + ".log");
    }

    public Path logFile(Service service) {
        return logFile(service.module());
    }

    /** Where the broker keeps its data. */
    public Path kafkaDataDir() {
        return settings.home.resolve("kafka");
    }

    /** The pids of the processes this stack started and that are still running, by process name. */
    public Map<String, Long> livePids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        synchronized (lock) {
        if (broker != null && broker.isAlive()) {
            pids.put(BROKER, broker.pid());
        }
        services.values().stream().filter(ManagedProcess::isAlive).forEach(s -> pids.put(s.name(), s.pid()));
        }
        return pids;
    }

    /** The started processes that are no longer running, e.g. to tell the user a service stopped on its own. */
    List<ManagedProcess> deadProcesses() {
        List<ManagedProcess> dead = new ArrayList<>();
        synchronized (lock) {
        if (broker != null && !broker.isAlive()) {
            dead.add(broker);
        }
        services.values().stream().filter(s -> !s.isAlive()).forEach(dead::add);
        }
        return dead;
    }

    /**
     * Stops the processes recorded under {@code home} by a stack started elsewhere (another shell, another JVM):
     * the launcher first, which stops its own processes in order, then any recorded service, then the broker.
     * Only processes that are still ours are touched (see {@link RunFolder}). Returns what it stopped.
     */
    public static List<String> stopRecorded(Path home, PrintStream out) {
        RunFolder runFolder = new RunFolder(home.resolve("run"));
        List<RunFolder.Entry> live = new ArrayList<>(runFolder.live());
        live.sort((a, b) -> Integer.compare(stopOrder(a.name()), stopOrder(b.name())));
        for (RunFolder.Entry entry : live) {
            // The launcher, stopped first, may already have stopped the others in its own order.
            entry.process().ifPresent(process -> {
                out.println("Stopping " + entry.name() + " (pid " + entry.pid() + ")");
                process.destroy();
                Duration grace = entry.name().equals(Entente.LAUNCHER) ? STOP_GRACE.multipliedBy(3) : STOP_GRACE;
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
        return name.equals(BROKER) ? 2 : 1;
    }

    private void refuseIfRunning() {
        List<RunFolder.Entry> live = runFolder.live();
        if (!live.isEmpty()) {
            StringBuilder which = new StringBuilder();
            live.forEach(e -> which.append(which.isEmpty() ? "" : ", ").append(e.name()).append(" (pid ")
                    .append(e.pid()).append(')'));
            throw new LocalStackException("A stack is already running from " + settings.home + ": " + which
                    + ". Stop it first (./entente down, or Ctrl-C in its terminal).");
        }
        runFolder.forgetDead();
    }

    private void refuseTakenPorts() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(settings.brokerPort, "the Kafka broker");
        ports.put(settings.controllerPort, "the Kafka controller");
        for (Service service : settings.services) {
            String other = ports.put(port(service), service.module());
            if (other != null) {
                throw new LocalStackException("port " + port(service) + " is given to both " + other + " and "
                        + service.module());
            }
        }
        for (Map.Entry<Integer, String> port : ports.entrySet()) {
            if (!isFree(port.getKey())) {
                throw new LocalStackException("port " + port.getKey() + " (for " + port.getValue()
                        + ") is already in use by another program. Stop that program, or give the stack another"
                        + " port (./entente help lists the options).");
            }
        }
    }

    /** True if nothing listens on the port, on the loopback address nor on every address. */
    static boolean isFree(int port) {
        for (InetAddress address : new InetAddress[] {InetAddress.getLoopbackAddress(), null}) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private void startBroker() {
        long started = System.nanoTime();
        settings.out.println("Starting the Kafka broker on " + bootstrapServers() + " (data in " + kafkaDataDir() + ")"
                + (settings.saslKafka ? ", clients log in with SASL SCRAM-SHA-512" : ""));
        Path log = logFile(BROKER);
        Map<String, String> brokerEnv = settings.saslKafka ? settings.secrets.scramUsers().environment() : Map.of();
        if (settings.saslKafka) {
            String mismatch = settings.secrets.scramUsers().mismatch(kafkaDataDir());
            if (mismatch != null) {
                throw new LocalStackException("the Kafka broker cannot start: " + mismatch + ". A formatted broker"
                        + " folder keeps the logins it was made with: put back the credentials it was made with"
                        + (settings.secrets.file() == null ? "" : " (" + settings.secrets.file() + ")")
                        + ", or, with the stack down, delete " + kafkaDataDir() + " (it holds the stack's events)"
                        + " so that it is made again (./entente up --plaintext-kafka runs a broker without logins).");
            }
        }
        ManagedProcess broker = launch(() -> this.broker = ManagedProcess.start(BROKER, settings.home,
                List.of("-Xmx512m", "-XX:+UseSerialGC", "-D" + LOG_CONFIG_PROPERTY + "=" + LOG_CONFIG,
                        "-D" + LOG_FILE_PROPERTY + "=" + log.toAbsolutePath(),
                        "-cp", settings.brokerClasspath),
                List.of(KafkaBroker.class.getName(), kafkaDataDir().toAbsolutePath().toString(),
                        String.valueOf(settings.brokerPort), String.valueOf(settings.controllerPort)),
                brokerEnv, log, runFolder));
        long deadline = System.nanoTime() + settings.startTimeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                checkNotStopped();
                if (!broker.isAlive()) {
                    throw failed("the Kafka broker", broker, "it exited with code " + broker.exitValue());
                }
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw failed("the Kafka broker", broker, "it did not answer within "
                                + settings.startTimeout.toSeconds() + " s");
                    }
                    sleep(Duration.ofMillis(300));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LocalStackException("interrupted while waiting for the Kafka broker", e);
                }
            }
        }
        settings.out.printf("  the Kafka broker is ready (%s)%n", since(started));
    }

    /**
     * Sets the services' and the integration's Kafka logins (made or changed to the kept passwords; logins the
     * stack no longer has, like the one shared login of earlier versions, are removed), then makes the broker's ACLs
     * exactly {@link KafkaAccess#all()}: missing grants are created, any other grant is deleted. Done at every
     * start as the super user, so a changed password or table takes effect without a new broker folder.
     */
    private void grantAccess() {
        String node = settings.secrets.brokerLogin().name();
        List<ScramUsers.User> logins = settings.secrets.kafkaLogins();
        try (Admin admin = admin()) {
            List<UserScramCredentialAlteration> alterations = new ArrayList<>();
            for (ScramUsers.User login : logins) {
                alterations.add(new UserScramCredentialUpsertion(login.name(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ScramUsers.ITERATIONS), login.password()));
            }
            Set<String> wanted = new java.util.HashSet<>(logins.stream().map(ScramUsers.User::name).toList());
            wanted.add(node);
            for (UserScramCredentialsDescription known : admin.describeUserScramCredentials().all()
                    .get(30, TimeUnit.SECONDS).values()) {
                if (!wanted.contains(known.name())) {
                    known.credentialInfos().forEach(info -> alterations.add(
                            new UserScramCredentialDeletion(known.name(), info.mechanism())));
                }
            }
            admin.alterUserScramCredentials(alterations).all().get(30, TimeUnit.SECONDS);

            Set<AclBinding> desired = new java.util.LinkedHashSet<>(KafkaAccess.all());
            Collection<AclBinding> present = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
            List<AclBindingFilter> stale = present.stream().filter(b -> !desired.contains(b))
                    .map(AclBinding::toFilter).toList();
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
            }
            desired.removeAll(present);
            if (!desired.isEmpty()) {
                admin.createAcls(desired).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new LocalStackException("could not set the Kafka logins and their ACLs: " + e.getMessage()
                    + " (broker log: " + logFile(BROKER) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while setting the Kafka logins", e);
        }
        settings.out.println("  Kafka logins ready: " + logins.size() + " with their ACLs ("
                + KafkaAccess.all().size() + " grants), " + node + " is the super user");
    }

    private void createTopics() {
        List<NewTopic> topics = Topics.withDeadLetters(settings.partitions, (short) 1, Topics.ALL);
        try (Admin admin = admin()) {
            var results = admin.createTopics(topics).values();
            for (var result : results.entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new LocalStackException("could not create topic " + result.getKey() + ": "
                                + e.getCause().getMessage() + " (broker log: " + logFile(BROKER) + ")", e);
                    }
                } catch (TimeoutException e) {
                    throw new LocalStackException("the broker did not create topic " + result.getKey()
                            + " within 30 s (broker log: " + logFile(BROKER) + ")", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LocalStackException("interrupted while creating topics", e);
                }
            }
        }
        settings.out.println("  topics ready: " + Topics.ALL.size() + " topics and their dead-letter topics, "
                + settings.partitions + " partitions each");
    }

    private void startServices() {
        if (settings.services.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        for (Service service : settings.services) {
            Path jar = settings.repository.resolve(service.module()).resolve("target").resolve(service.module() + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new LocalStackException(jar + " is missing: build it first with"
                        + " ./mvnw -B -q -DskipTests install (./entente up does that for you)");
            }
        }
        for (Service service : settings.services) {
            settings.out.println("Starting " + service.module() + " on port " + port(service));
            Path jar = settings.repository.resolve(service.module()).resolve("target").resolve(service.module() + ".jar");
            Map<String, String> env = serviceEnvironment(service, port(service), service.module());
            List<String> jvm = new ArrayList<>(settings.serviceJvmOptions);
            launch(() -> {
                ManagedProcess process = ManagedProcess.start(service.module(), settings.home, jvm,
                        List.of("-jar", jar.toAbsolutePath().toString()), env, logFile(service), runFolder);
                services.put(service, process);
                return process;
            });
        }
        awaitHealthy(started);
    }

    /**
     * What a service process gets in its environment: its port and the broker, its state folder, and the stack's
     * credentials. Inherited {@code ENTENTE_KAFKA_*} variables are removed (a null value removes), so the caller's
     * settings for another Kafka never reach the local one; the stack sets its own when the broker wants a login.
     */
    private Map<String, String> serviceEnvironment(Service service, int port, String stateName) {
        Map<String, String> env = new LinkedHashMap<>();
        System.getenv().keySet().stream().filter(name -> name.startsWith("ENTENTE_KAFKA_"))
                .forEach(name -> env.put(name, null));
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        env.put("ENTENTE_STATE_DIR", settings.home.resolve("state").resolve(stateName).toAbsolutePath().toString());
        if (settings.secrets != null) {
            env.putAll(settings.secrets.serviceEnvironment(service, settings.saslKafka));
        }
        return env;
    }

    /**
     * Starts one more instance of a service next to the stack, under its own name (its log is
     * {@code logs/<name>.log}, its state {@code state/<name>}), with {@code overrides} added to its environment; it
     * does not wait for it to come up. {@link #stop()} stops it with the others. For tests that need a service
     * started differently, e.g. with a wrong Kafka password.
     */
    ManagedProcess startExtra(Service service, String name, int port, Map<String, String> overrides) {
        Path jar = settings.repository.resolve(service.module()).resolve("target").resolve(service.module() + ".jar");
        Map<String, String> env = serviceEnvironment(service, port, name);
        env.putAll(overrides);
        List<String> jvm = new ArrayList<>(settings.serviceJvmOptions);
        return launch(() -> {
            ManagedProcess process = ManagedProcess.start(name, settings.home, jvm,
                    List.of("-jar", jar.toAbsolutePath().toString()), env, logFile(name), runFolder);
            extras.add(process);
            return process;
        });
    }

    /** Null when the process at {@code url} reports UP, otherwise what it answered instead. */
    String healthAt(URI url) throws InterruptedException {
        return health(url);
    }

    private void awaitHealthy(long started) {
        long deadline = started + settings.startTimeout.toNanos();
        Map<Service, String> waiting = new EnumMap<>(Service.class);
        settings.services.forEach(s -> waiting.put(s, "not answering yet"));
        while (!waiting.isEmpty()) {
            checkNotStopped();
            for (Service service : List.copyOf(waiting.keySet())) {
                ManagedProcess process = process(service);
                if (!process.isAlive()) {
                    throw failed(service.module(), process, "it exited with code " + process.exitValue());
                }
                String health = health(service);
                if (health == null) {
                    waiting.remove(service);
                    settings.out.printf("  %s is UP (%s)%n", service.module(), since(started));
                } else {
                    waiting.put(service, health);
                }
            }
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                Service late = waiting.keySet().iterator().next();
                throw failed(late.module(), process(late), "it did not report UP on /actuator/health within "
                        + settings.startTimeout.toSeconds() + " s (last answer: " + waiting.get(late) + ")");
            }
            sleep(Duration.ofMillis(500));
        }
    }

    /** True once {@link #stop()} has begun. */
    public boolean isStopping() {
        synchronized (lock) {
            return stopped;
        }
    }

    private ManagedProcess process(Service service) {
        synchronized (lock) {
            return services.get(service);
        }
    }

    /** Null when the service reports UP, otherwise what it answered instead. */
    private String health(Service service) {
        try {
            return health(url(service));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for " + service.module(), e);
        }
    }

    private String health(URI url) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && STATUS_UP.matcher(response.body()).find()) {
                return null;
            }
            return "HTTP " + response.statusCode() + " " + abbreviate(response.body());
        } catch (IOException e) {
            return "not answering yet (" + e.getClass().getSimpleName() + ")";
        }
    }

    private LocalStackException failed(String what, ManagedProcess process, String why) {
        String tail = process.logTail(15);
        return new LocalStackException(what + " failed to start: " + why + ". Its log: " + process.logFile()
                + (tail.isBlank() ? "" : System.lineSeparator() + "--- last lines of " + process.logFile().getFileName()
                        + " ---" + System.lineSeparator() + tail));
    }

    private Admin admin() {
        Map<String, Object> config = kafkaClientConfig();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return Admin.create(config);
    }

    private static String since(long startedNanos) {
        return String.format("%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while starting the stack", e);
        }
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
        private List<String> serviceJvmOptions = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        private Duration startTimeout = Duration.ofMinutes(5);
        private int partitions = 3;
        private PrintStream out = System.out;
        private StackSecrets secrets;
        private boolean saslKafka;

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
            return new LocalStack(copy());
        }

        /** The stack keeps its own copy, so changing this builder afterwards does not change a built stack. */
        private Builder copy() {
            Builder copy = new Builder();
            copy.repository = repository;
            copy.home = home;
            copy.brokerPort = brokerPort;
            copy.controllerPort = controllerPort;
            copy.servicePorts.putAll(servicePorts);
            copy.services = EnumSet.copyOf(services);
            copy.brokerClasspath = brokerClasspath;
            copy.serviceJvmOptions = serviceJvmOptions;
            copy.startTimeout = startTimeout;
            copy.partitions = partitions;
            copy.out = out;
            copy.secrets = secrets;
            copy.saslKafka = saslKafka;
            return copy;
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
