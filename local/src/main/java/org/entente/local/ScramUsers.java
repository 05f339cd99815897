package org.entente.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;

/**
 * The SCRAM-SHA-512 logins a local broker folder is formatted with (the broker's own login, for its inter-broker
 * traffic and the launcher; the launcher adds the services' logins once the broker runs), written into the metadata when its folder is formatted, the way
 * {@code kafka-storage format --add-scram} does. Passwords arrive in the environment (never on a command line) and
 * only salted keys are stored, as Kafka stores them; the same keys in {@value #RECORD} let a later start tell
 * whether the folder was made with the same logins, since a formatted folder cannot take new ones.
 *
 * <p>Broker environment: {@code ENTENTE_BROKER_USER_<n>_NAME} / {@code ENTENTE_BROKER_USER_<n>_PASSWORD}, user 0
 * being the broker's own login. No users: a plain-text broker.
 */
final class ScramUsers {

    static final String MECHANISM = "SCRAM-SHA-512";
    static final String RECORD = "entente-scram-users.properties";
    static final int ITERATIONS = 8192;

    record User(String name, String password) {
        User {
            if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("a Kafka login name is letters, digits, '.', '_' or '-': " + name);
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("the Kafka login " + name + " has no password");
            }
        }

        @Override
        public String toString() {
            return "User[" + name + "]"; // never the password
        }
    }

    private final List<User> users;

    ScramUsers(List<User> users) {
        this.users = List.copyOf(users);
    }

    List<User> users() {
        return users;
    }

    boolean isEmpty() {
        return users.isEmpty();
    }

    /** The broker's own login (user 0). */
    User broker() {
        return users.get(0);
    }

    /** The environment that hands these users to the broker process. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < users.size(); i++) {
            env.put("ENTENTE_BROKER_USER_" + i + "_NAME", users.get(i).name());
            env.put("ENTENTE_BROKER_USER_" + i + "_PASSWORD", users.get(i).password());
        }
        return env;
    }

    static ScramUsers fromEnvironment(Map<String, String> env) {
        List<User> users = new ArrayList<>();
        for (int i = 0; env.containsKey("ENTENTE_BROKER_USER_" + i + "_NAME"); i++) {
            users.add(new User(env.get("ENTENTE_BROKER_USER_" + i + "_NAME"),
                    env.get("ENTENTE_BROKER_USER_" + i + "_PASSWORD")));
        }
        return new ScramUsers(users);
    }

    /** What formatting needs: the formatter's arguments, and the record to keep once the folder is formatted. */
    record Prepared(List<String> arguments, Properties record) {
        void keep(Path dataDir) {
            try (OutputStream out = Files.newOutputStream(dataDir.resolve(RECORD))) {
                record.store(out, "the SCRAM logins this broker folder was formatted with (salted, as Kafka keeps them)");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + dataDir.resolve(RECORD), e);
            }
        }
    }

    /**
     * The formatter's {@code --add-scram} arguments, with salted passwords rather than the passwords themselves (so
     * no character of a password can upset the argument's syntax), and the record of the same keys.
     */
    Prepared prepare() {
        SecureRandom random = new SecureRandom();
        List<String> arguments = new ArrayList<>();
        Properties record = new Properties();
        for (User user : users) {
            byte[] salt = new byte[32];
            random.nextBytes(salt);
            byte[] salted = salted(user.password(), salt);
            Base64.Encoder base64 = Base64.getEncoder();
            arguments.add(MECHANISM + "=[name=" + user.name() + ",salt=" + base64.encodeToString(salt)
                    + ",saltedpassword=" + base64.encodeToString(salted) + ",iterations=" + ITERATIONS + "]");
            record.setProperty(user.name() + ".salt", base64.encodeToString(salt));
            record.setProperty(user.name() + ".storedKey", base64.encodeToString(storedKey(salted)));
        }
        return new Prepared(arguments, record);
    }

    /**
     * Null when a broker folder formatted earlier knows exactly these logins (or has not been formatted yet),
     * otherwise why it cannot be used with them.
     */
    String mismatch(Path dataDir) {
        if (users.isEmpty() || !Files.exists(dataDir.resolve("meta.properties"))) {
            return null;
        }
        Path file = dataDir.resolve(RECORD);
        if (!Files.exists(file)) {
            return "its data in " + dataDir + " was made without Kafka logins (by a stack without SASL)";
        }
        Properties record = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            record.load(in);
        } catch (IOException e) {
            return "cannot read " + file + ": " + e.getMessage();
        }
        for (User user : users) {
            String salt = record.getProperty(user.name() + ".salt");
            String stored = record.getProperty(user.name() + ".storedKey");
            if (salt == null || stored == null) {
                return "its data in " + dataDir + " has no Kafka login " + user.name();
            }
            byte[] expected = Base64.getDecoder().decode(stored);
            byte[] actual = storedKey(salted(user.password(), Base64.getDecoder().decode(salt)));
            if (!MessageDigest.isEqual(expected, actual)) {
                return "its data in " + dataDir + " was made with another password for the Kafka login "
                        + user.name();
            }
        }
        return null;
    }

    private static byte[] salted(String password, byte[] salt) {
        try {
            return new ScramFormatter(ScramMechanism.SCRAM_SHA_512).saltedPassword(password, salt, ITERATIONS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SCRAM-SHA-512 is not available in this JVM", e);
        }
    }

    private static byte[] storedKey(byte[] salted) {
        try {
            ScramFormatter formatter = new ScramFormatter(ScramMechanism.SCRAM_SHA_512);
            return formatter.storedKey(formatter.clientKey(salted));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SCRAM-SHA-512 is not available in this JVM", e);
        }
    }
}
