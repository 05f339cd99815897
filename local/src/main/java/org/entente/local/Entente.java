package org.entente.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.entente.schemas.Topics;

/**
 * The launcher behind {@code ./entente}: {@code up [--demo]} starts the local stack in the foreground and stops it
 * on Ctrl-C; {@code down} stops a stack started from another shell. The script builds the jars; this class only
 * runs them.
 */
public final class Entente {

    static final String LAUNCHER = "launcher";

    private final PrintStream out;

    private Entente(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        int code;
        try {
            if (options.command().equals("help")) {
                System.out.println(usage());
                code = 0;
            } else {
                if (System.getProperty(LocalStack.LOG_FILE_PROPERTY) == null) {
                    // Before anything logs: the launcher's own Kafka client logs go to a file, not the terminal.
                    System.setProperty(LocalStack.LOG_FILE_PROPERTY,
                            options.home().resolve("logs").resolve("launcher.log").toString());
                    System.setProperty(LocalStack.LOG_CONFIG_PROPERTY, LocalStack.LOG_CONFIG);
                }
                Entente entente = new Entente(System.out);
                code = options.command().equals("up") ? entente.up(options) : entente.down(options);
            }
        } catch (LocalStackException e) {
            System.err.println(e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    private int up(Options options) {
        long started = System.nanoTime();
        StackSecrets secrets;
        try {
            secrets = StackSecrets.load(options.home(), System.getenv());
        } catch (RuntimeException e) {
            System.err.println("Entente did not start: " + e.getMessage());
            return 1;
        }
        LocalStack.Builder builder = LocalStack.builder().repository(options.repository()).home(options.home())
                .secrets(secrets).saslKafka(!options.plaintextKafka)
                .brokerPort(options.brokerPort).controllerPort(options.controllerPort)
                .startTimeout(Duration.ofSeconds(options.timeoutSeconds)).out(out).serviceJava(ServiceJava.choose())
                .classDataSharing(options.classDataSharing() ? options.home().resolve("cds") : null);
        options.servicePorts.forEach(builder::servicePort);
        LocalStack stack = builder.build();
        RunFolder runFolder = new RunFolder(stack.home().resolve("run"));
        AtomicBoolean recorded = new AtomicBoolean();
        Thread stopper = new Thread(() -> {
            stack.stop();
            if (recorded.get()) {
                runFolder.forget(LAUNCHER);
                out.println("Entente is stopped.");
            }
        }, "entente-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            stack.start();
        } catch (LocalStackException e) {
            System.err.println();
            System.err.println("Entente did not start: " + e.getMessage());
            return 1;
        }
        ProcessHandle self = ProcessHandle.current();
        runFolder.record(LAUNCHER, self, RunFolder.Entry.arguments(self));
        recorded.set(true);
        printWhereEverythingIs(stack, started);
        if (options.demo) {
            new Demo(stack, Duration.ofSeconds(options.timeoutSeconds), out).run();
        }
        out.println();
        out.println("Ctrl-C here, or ./entente down from another shell, stops everything.");
        watch(stack);
        return 0;
    }

    /** Stays in the foreground; says so when a process stops on its own, and returns once none is left. */
    private void watch(LocalStack stack) {
        List<String> reported = new ArrayList<>();
        while (!stack.livePids().isEmpty() && !stack.isStopping()) {
            for (ManagedProcess dead : stack.deadProcesses()) {
                if (!reported.contains(dead.name())) {
                    reported.add(dead.name());
                    out.println(dead.name() + " stopped (exit code " + dead.exitValue() + "); its log: "
                            + dead.logFile());
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!stack.isStopping()) {
            out.println("Every process of the stack has stopped.");
        }
    }

    private int down(Options options) {
        List<String> stopped = LocalStack.stopRecorded(options.home(), out);
        out.println(stopped.isEmpty() ? "Nothing to stop: no stack is running from " + options.home()
                : "Stopped " + String.join(", ", stopped) + ".");
        return 0;
    }

    private void printWhereEverythingIs(LocalStack stack, long started) {
        Path root = Path.of("").toAbsolutePath();
        out.println();
        out.printf("Entente is up (%.0f s).%n", (System.nanoTime() - started) / 1e9);
        out.println();
        for (Service service : stack.services()) {
            out.printf("  %-16s %s%n", service.module(), stack.url(service));
            for (String endpoint : service.endpoints()) {
                // Pages are shown as full URLs, to open in a browser; API paths relative to the service.
                out.printf("  %-16s   %s%n", "", endpoint.replace(": /", ": " + stack.url(service) + "/"));
            }
        }
        out.printf("  %-16s %s (KRaft, data in %s)%n", "Kafka broker", stack.bootstrapServers(),
                relative(root, stack.kafkaDataDir()));
        out.printf("  %-16s %s/{kafka,%s}.log%n", "logs", relative(root, stack.home().resolve("logs")),
                String.join(",", stack.services().stream().map(Service::module).toList()));
        out.printf("  %-16s %s/actuator/health on each service%n", "health", "http://127.0.0.1:<port>");
        printCredentials(stack, root);
    }

    /** Who to sign in as, the API token, and where they are kept; the one place the launcher shows a secret. */
    private void printCredentials(LocalStack stack, Path root) {
        StackSecrets secrets = stack.secrets();
        String kept = relative(root, secrets.file());
        out.println();
        out.println("Sign in on the pages as (kept in " + kept + ", readable by you only):");
        for (StackSecrets.User user : secrets.users()) {
            out.printf("  %-10s password %s   %s%s%n", user.name(), user.password(), roleText(user.role()),
                    secrets.fromCaller("ENTENTE_USERS_" + secrets.users().indexOf(user) + "_PASSWORD")
                            ? " (password from your environment)" : "");
        }
        out.println("API token (admin): " + secrets.apiToken()
                + (secrets.fromCaller(StackSecrets.API_TOKEN) ? " (from your environment)" : ""));
        out.println("  e.g. curl -H \"Authorization: Bearer " + secrets.apiToken() + "\" "
                + stack.url(Service.SURVEY) + "/api/instrument");
        out.println("Intake token (only submits responses and funnel events): " + secrets.intakeToken());
        if (stack.saslKafka()) {
            ScramUsers.User integration = secrets.kafkaLogin(KafkaAccess.Principal.INTEGRATION);
            out.println("Kafka: clients log in with SASL_PLAINTEXT, SCRAM-SHA-512; each service as its own user, with"
                    + " ACLs for its job only");
            out.println("  for your applications: user " + integration.name() + "   password " + integration.password()
                    + "   (kept as " + StackSecrets.loginVariable(KafkaAccess.Principal.INTEGRATION, "*") + ")");
            out.println("    writes " + Topics.RESPONSES.name() + " and " + Topics.FUNNEL_EVENTS.name()
                    + "; reads stages, advice, funnel metrics and alerts, in groups " + KafkaAccess.INTEGRATION_GROUP_PREFIX
                    + "*");
            out.println("  administrator (super user): " + secrets.brokerLogin().name() + ", password in " + kept);
        } else {
            out.println("Kafka: plain text, no login, no ACLs (--plaintext-kafka)");
        }
    }

    private static String roleText(String role) {
        return switch (role) {
            case "admin" -> "admin: everything";
            case "sales-viewer" -> "Sales viewer: the funnel board and the assessment reports";
            case "marketing-viewer" -> "Marketing viewer: the funnel board and the assessment reports";
            default -> role;
        };
    }

    private static String relative(Path root, Path path) {
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }

    static String usage() {
        return """
                usage: entente up [--demo] [options]   start Kafka and the four services; Ctrl-C stops them
                       entente down [--home DIR]        stop a stack started from another shell
                options: --home DIR (default .entente)  --broker-port N (9092)  --controller-port N (9093)
                         --survey-port N (8081)  --scoring-port N (8082)  --advice-port N (8083)  --funnel-port N (8084)
                         --timeout SECONDS (300: how long start-up, and the demo's wait for advice, may take)
                         --plaintext-kafka (clients connect to the broker without logging in, and no ACLs apply)
                         --no-class-data-sharing (run the services from their jars, without CDS archives or AOT caches)
                environment: ENTENTE_SERVICE_JAVA_HOME=<a Java home> for the services and the broker (default: the
                         newest Java 25+ installed, else the launcher's own)""";
    }

    /** The command line, with the defaults of the design. */
    static final class Options {
        private String command = "help";
        private boolean demo;
        private boolean plaintextKafka;
        private boolean classDataSharing = true;
        private Path home;
        private int brokerPort = 9092;
        private int controllerPort = 9093;
        private final java.util.Map<Service, Integer> servicePorts = new java.util.EnumMap<>(Service.class);
        private long timeoutSeconds = 300;

        static Options parse(String[] args) {
            Options o = new Options();
            List<String> rest = new ArrayList<>(List.of(args));
            if (!rest.isEmpty()) {
                o.command = rest.remove(0);
            }
            if (!List.of("up", "down", "help").contains(o.command)) {
                throw new IllegalArgumentException("unknown command: " + o.command);
            }
            while (!rest.isEmpty()) {
                String option = rest.remove(0);
                if (option.equals("--demo")) {
                    o.demo = true;
                    continue;
                }
                if (option.equals("--plaintext-kafka")) {
                    o.plaintextKafka = true;
                    continue;
                }
                if (option.equals("--no-class-data-sharing")) {
                    o.classDataSharing = false;
                    continue;
                }
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException("unknown option or missing value: " + option);
                }
                String value = rest.remove(0);
                switch (option) {
                    case "--home" -> o.home = Path.of(value);
                    case "--broker-port" -> o.brokerPort = port(option, value);
                    case "--controller-port" -> o.controllerPort = port(option, value);
                    case "--timeout" -> o.timeoutSeconds = Long.parseLong(value);
                    default -> {
                        Service service = EnumSet.allOf(Service.class).stream()
                                .filter(s -> option.equals("--" + s.name().toLowerCase(Locale.ROOT) + "-port"))
                                .findFirst()
                                .orElseThrow(() -> new IllegalArgumentException("unknown option: " + option));
                        o.servicePorts.put(service, port(option, value));
                    }
                }
            }
            return o;
        }

        private static int port(String option, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " needs a port number, not " + value);
        }

        String command() {
            return command;
        }

        boolean demo() {
            return demo;
        }

        boolean plaintextKafka() {
            return plaintextKafka;
        }

        boolean classDataSharing() {
            return classDataSharing;
        }

        int brokerPort() {
            return brokerPort;
        }

        /** The port given for the service, or its default. */
        int port(Service service) {
            return servicePorts.getOrDefault(service, service.defaultPort());
        }

        Path repository() {
            return LocalStack.Builder.findRepository(Path.of("").toAbsolutePath());
        }

        Path home() {
            return (home != null ? home : repository().resolve(".entente")).toAbsolutePath().normalize();
        }
    }
}
