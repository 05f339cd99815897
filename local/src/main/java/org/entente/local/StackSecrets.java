package org.entente.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one-machine stack's credentials: the admin API token, an intake token, the peer token, three people who sign
 * in with a form ({@code admin}, {@code sales}, {@code marketing}), the key survey-service encrypts invitation labels
 * with, and the Kafka logins: the broker's own (the super user, which the launcher also uses), one per service and
 * one for integrating applications ({@link KafkaAccess} says what each may do). They are made up (from {@link SecureRandom}) on first
 * use and kept in {@code <home>/secrets.env} (owner read/write only), so the same ones come back on later starts; a
 * value in the caller's environment (say {@code ENTENTE_API_TOKEN}) wins over the kept one.
 *
 * <p>They reach the services as environment variables only, never as command-line arguments, which any user of the
 * machine can read with {@code ps}. {@link #toString()} names no value, and nothing here logs one.
 * Rotating one means deleting the file (with the stack down); a new password for the broker's own login then needs
 * a new broker folder, the other Kafka logins are set again at every start.
 */
public final class StackSecrets {

    public static final String FILE = "secrets.env";

    public static final String API_TOKEN = "ENTENTE_API_TOKEN";
    public static final String INTAKE_TOKEN = "ENTENTE_INTAKE_TOKEN";
    public static final String PEER_TOKEN = "ENTENTE_PEER_TOKEN";
    public static final String LABEL_KEY = "ENTENTE_SURVEY_LABEL_KEY";
    /** The variables a service reads its own Kafka login from (the security module's settings). */
    public static final String KAFKA_USERNAME = "ENTENTE_KAFKA_SASL_USERNAME";
    public static final String KAFKA_PASSWORD = "ENTENTE_KAFKA_SASL_PASSWORD";
    /** The broker's own login: its inter-broker and controller traffic, and the launcher's administration. */
    public static final String BROKER_USERNAME = "ENTENTE_KAFKA_BROKER_USERNAME";
    public static final String BROKER_PASSWORD = "ENTENTE_KAFKA_BROKER_PASSWORD";

    /** A person who signs in with the form. */
    public record User(String name, String password, String role) {
        @Override
        public String toString() {
            return "User[" + name + ", " + role + "]"; // never the password
        }
    }

    /** The people of the one-machine stack: name and role id (ENTENTE_USERS_n_ROLE). */
    private static final List<List<String>> PEOPLE = List.of(
            List.of("admin", "admin"), List.of("sales", "sales-viewer"), List.of("marketing", "marketing-viewer"));

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> values;
    private final Set<String> fromCaller;
    private final Path file;

    private StackSecrets(Map<String, String> values, Set<String> fromCaller, Path file) {
        this.values = Map.copyOf(values);
        this.fromCaller = Set.copyOf(fromCaller);
        this.file = file;
    }

    /** Fresh credentials kept nowhere: for a test's stack. */
    public static StackSecrets generate() {
        return new StackSecrets(fresh(), Set.of(), null);
    }

    /**
     * The credentials kept in {@code <home>/secrets.env}, made up and written (mode 600) on first use; a variable of
     * the same name in {@code callerEnvironment} wins.
     */
    public static StackSecrets load(Path home, Map<String, String> callerEnvironment) {
        Path file = home.resolve(FILE);
        Map<String, String> kept = Files.exists(file) ? read(file) : new LinkedHashMap<>();
        Map<String, String> complete = new LinkedHashMap<>(fresh());
        boolean missing = !complete.keySet().stream().allMatch(kept::containsKey);
        // The one login all services shared in earlier versions is dropped from the file: each has its own now.
        boolean obsolete = kept.keySet().removeIf(name -> name.equals(KAFKA_USERNAME) || name.equals(KAFKA_PASSWORD));
        complete.putAll(kept);
        if (missing || obsolete || !Files.exists(file)) {
            write(file, complete);
        } else {
            restrict(file);
        }
        Map<String, String> values = new LinkedHashMap<>(complete);
        Set<String> fromCaller = new LinkedHashSet<>();
        for (String name : complete.keySet()) {
            String given = callerEnvironment.get(name);
            if (given != null && !given.isBlank()) {
                values.put(name, given.trim());
                fromCaller.add(name);
            }
        }
        return new StackSecrets(values, fromCaller, file);
    }

    /** Where they are kept; null for generated ones. */
    public Path file() {
        return file;
    }

    /** True when the caller's environment gave this variable, rather than the kept file. */
    public boolean fromCaller(String name) {
        return fromCaller.contains(name);
    }

    public String apiToken() {
        return values.get(API_TOKEN);
    }

    public String intakeToken() {
        return values.get(INTAKE_TOKEN);
    }

    public List<User> users() {
        List<User> users = new ArrayList<>();
        for (int i = 0; values.containsKey("ENTENTE_USERS_" + i + "_NAME"); i++) {
            users.add(new User(values.get("ENTENTE_USERS_" + i + "_NAME"), values.get("ENTENTE_USERS_" + i + "_PASSWORD"),
                    values.get("ENTENTE_USERS_" + i + "_ROLE")));
        }
        return users;
    }

    public User user(String role) {
        return users().stream().filter(u -> u.role().equals(role)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no user with role " + role));
    }

    /** Where a login is kept: {@code ENTENTE_KAFKA_LOGIN_<PRINCIPAL>_USERNAME} and {@code ..._PASSWORD}. */
    public static String loginVariable(KafkaAccess.Principal principal, String part) {
        return "ENTENTE_KAFKA_LOGIN_" + principal.name() + "_" + part;
    }

    /** The Kafka login of a service or of the integrating applications. */
    ScramUsers.User kafkaLogin(KafkaAccess.Principal principal) {
        return new ScramUsers.User(values.get(loginVariable(principal, "USERNAME")),
                values.get(loginVariable(principal, "PASSWORD")));
    }

    /** The broker's own login, a super user: the launcher creates topics, logins and ACLs with it. */
    ScramUsers.User brokerLogin() {
        return new ScramUsers.User(values.get(BROKER_USERNAME), values.get(BROKER_PASSWORD));
    }

    /** Every value a caller must never find in a log, an event or a page it should not see. */
    public List<String> secretValues() {
        List<String> secrets = new ArrayList<>();
        values.forEach((name, value) -> {
            if (!name.endsWith("_NAME") && !name.endsWith("_ROLE") && !name.endsWith("_USERNAME")) {
                secrets.add(value);
            }
        });
        return secrets;
    }

    /**
     * A service's credentials, as environment variables; with {@code saslKafka} also its own Kafka login (and no
     * other: the other logins never reach a service).
     */
    Map<String, String> serviceEnvironment(Service service, boolean saslKafka) {
        Map<String, String> env = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (!name.startsWith("ENTENTE_KAFKA_")) {
                env.put(name, value);
            }
        });
        if (saslKafka) {
            env.putAll(kafkaEnvironment(kafkaLogin(KafkaAccess.Principal.of(service))));
        }
        return env;
    }

    /** A Kafka client's {@code ENTENTE_KAFKA_*} settings for a login on the local broker. */
    static Map<String, String> kafkaEnvironment(ScramUsers.User login) {
        return Map.of("ENTENTE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "ENTENTE_KAFKA_SASL_MECHANISM", ScramUsers.MECHANISM,
                KAFKA_USERNAME, login.name(),
                KAFKA_PASSWORD, login.password());
    }

    /** The SCRAM user the broker folder is formatted with: the broker's own login (the others are set at start). */
    ScramUsers scramUsers() {
        return new ScramUsers(List.of(brokerLogin()));
    }

    /** The logins the launcher sets on the broker at every start: one per service, and the integration login. */
    List<ScramUsers.User> kafkaLogins() {
        return java.util.Arrays.stream(KafkaAccess.Principal.values()).map(this::kafkaLogin).toList();
    }

    @Override
    public String toString() {
        return "StackSecrets[" + (file == null ? "generated" : file) + "]"; // never a value
    }

    private static Map<String, String> fresh() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(API_TOKEN, random(32));
        values.put(INTAKE_TOKEN, random(32));
        values.put(PEER_TOKEN, random(32));
        for (int i = 0; i < PEOPLE.size(); i++) {
            values.put("ENTENTE_USERS_" + i + "_NAME", PEOPLE.get(i).get(0));
            values.put("ENTENTE_USERS_" + i + "_PASSWORD", random(15));
            values.put("ENTENTE_USERS_" + i + "_ROLE", PEOPLE.get(i).get(1));
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        values.put(LABEL_KEY, Base64.getEncoder().encodeToString(key));
        for (KafkaAccess.Principal principal : KafkaAccess.Principal.values()) {
            values.put(loginVariable(principal, "USERNAME"), principal.user());
            values.put(loginVariable(principal, "PASSWORD"), random(24));
        }
        values.put(BROKER_USERNAME, "entente-broker");
        values.put(BROKER_PASSWORD, random(24));
        return values;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String text = line.strip();
                int equals = text.indexOf('=');
                if (text.isEmpty() || text.startsWith("#") || equals <= 0) {
                    continue;
                }
                String value = text.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(text.substring(0, equals).strip(), value);
            }
        } catch (IOException e) {
            throw new LocalStackException("cannot read the stack's credentials in " + file + ": " + e.getMessage(), e);
        }
        return values;
    }

    private static void write(Path file, Map<String, String> values) {
        StringBuilder text = new StringBuilder("""
                # The Entente one-machine stack's credentials, made up by ./entente up on first use and reused after.
                # Only you may read this file. A variable of the same name in your environment wins over this file.
                # Delete the file (with the stack down) for new ones; a new password for the broker's own Kafka login
                # also needs a new broker folder (delete .entente/kafka, which holds the stack's events).
                # ENTENTE_KAFKA_LOGIN_INTEGRATION_*: the login for applications that publish responses and funnel
                # events and read stages, advice, funnel metrics and alerts (README "Security").
                """);
        values.forEach((name, value) -> text.append(name).append("='").append(value).append("'\n"));
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE + ".new");
            Files.deleteIfExists(temp);
            if (posix()) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            restrict(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void restrict(Path file) {
        if (posix()) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make " + file + " private", e);
            }
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
