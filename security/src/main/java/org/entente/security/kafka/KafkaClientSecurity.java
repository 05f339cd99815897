package org.entente.security.kafka;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How an Entente process authenticates to Kafka, read from the {@code ENTENTE_KAFKA_*} settings and turned into the
 * Kafka client properties every producer, consumer, admin client and Kafka Streams application needs. The settings
 * carry Kafka's own client names under {@code entente.kafka.} (environment {@code ENTENTE_KAFKA_...}):
 * <ul>
 * <li>{@code security.protocol}: {@code PLAINTEXT} (the default), {@code SASL_PLAINTEXT}, {@code SASL_SSL} or
 * {@code SSL};</li>
 * <li>{@code sasl.mechanism} ({@code SCRAM-SHA-512} by default, or {@code SCRAM-SHA-256}, {@code PLAIN}),
 * {@code sasl.username}, {@code sasl.password}: the SASL login, written into {@code sasl.jaas.config};</li>
 * <li>{@code ssl.truststore.location|password|type}: whom to trust (the JVM's default trust store when absent);</li>
 * <li>{@code ssl.keystore.location|password|type}, {@code ssl.key.password}: the client certificate for mutual
 * TLS ({@code SSL} only).</li>
 * </ul>
 * An inconsistent combination (a SASL protocol without a username or password, TLS files on a plain-text protocol, a
 * protocol Kafka does not know) is refused with a message naming the environment variables, never their secret
 * values. This class knows nothing of Spring: the services get it through
 * {@link KafkaSecurityEnvironmentPostProcessor}, the one-machine launcher and its tests call it directly. It does
 * not support Kerberos (GSSAPI) or OAUTHBEARER logins yet.
 */
public final class KafkaClientSecurity {

    /** The prefix of the Spring properties; the environment variables are {@code ENTENTE_KAFKA_...}. */
    public static final String PREFIX = "entente.kafka.";

    public static final String SECURITY_PROTOCOL = "security.protocol";
    public static final String SASL_MECHANISM = "sasl.mechanism";
    public static final String SASL_USERNAME = "sasl.username";
    public static final String SASL_PASSWORD = "sasl.password";
    public static final String SASL_JAAS_CONFIG = "sasl.jaas.config";
    public static final String TRUSTSTORE_LOCATION = "ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "ssl.truststore.type";
    public static final String KEYSTORE_LOCATION = "ssl.keystore.location";
    public static final String KEYSTORE_PASSWORD = "ssl.keystore.password";
    public static final String KEYSTORE_TYPE = "ssl.keystore.type";
    public static final String KEY_PASSWORD = "ssl.key.password";

    /** Every setting read, by its Kafka name. */
    public static final List<String> SETTINGS = List.of(SECURITY_PROTOCOL, SASL_MECHANISM, SASL_USERNAME,
            SASL_PASSWORD, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE, KEYSTORE_LOCATION,
            KEYSTORE_PASSWORD, KEYSTORE_TYPE, KEY_PASSWORD);

    private static final List<String> TRUSTSTORE = List.of(TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE);
    private static final List<String> KEYSTORE = List.of(KEYSTORE_LOCATION, KEYSTORE_PASSWORD, KEYSTORE_TYPE,
            KEY_PASSWORD);

    /** The protocols of Kafka's {@code security.protocol}. */
    public enum Protocol {
        PLAINTEXT, SASL_PLAINTEXT, SASL_SSL, SSL;

        boolean sasl() {
            return this == SASL_PLAINTEXT || this == SASL_SSL;
        }

        boolean tls() {
            return this == SSL || this == SASL_SSL;
        }
    }

    /** The SASL mechanisms a username and password log in with, and the login module each needs. */
    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

    public static final String DEFAULT_MECHANISM = "SCRAM-SHA-512";

    private KafkaClientSecurity() {
    }

    /** {@code ENTENTE_KAFKA_SASL_PASSWORD} for {@code sasl.password}. */
    public static String environmentVariable(String setting) {
        return "ENTENTE_KAFKA_" + setting.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The client properties for the settings in an environment map ({@code ENTENTE_KAFKA_...} variables). */
    public static Map<String, String> fromEnvironment(Map<String, String> environment) {
        return clientProperties(setting -> environment.get(environmentVariable(setting)));
    }

    /**
     * The Kafka client properties for the settings {@code setting} gives (by Kafka name, null or blank when not
     * set): empty for plain text, otherwise {@code security.protocol} and what the protocol needs.
     *
     * @throws KafkaSecuritySettingsException when the settings contradict each other
     */
    public static Map<String, String> clientProperties(Function<String, String> setting) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : SETTINGS) {
            String value = setting.apply(name);
            if (value != null && !value.isBlank()) {
                given.put(name, name.endsWith("password") ? value : value.trim());
            }
        }
        Protocol protocol = protocol(given);
        List<String> problems = new ArrayList<>();
        Map<String, String> client = new LinkedHashMap<>();
        if (protocol != Protocol.PLAINTEXT) {
            client.put(SECURITY_PROTOCOL, protocol.name());
        }

        List<String> sasl = present(given, SASL_MECHANISM, SASL_USERNAME, SASL_PASSWORD);
        if (protocol.sasl()) {
            String mechanism = given.getOrDefault(SASL_MECHANISM, DEFAULT_MECHANISM).toUpperCase(Locale.ROOT);
            String module = LOGIN_MODULES.get(mechanism);
            if (module == null) {
                problems.add(environmentVariable(SASL_MECHANISM) + " is " + given.get(SASL_MECHANISM)
                        + ", which Entente cannot log in with; use one of " + String.join(", ",
                                LOGIN_MODULES.keySet().stream().sorted().toList()));
            }
            for (String required : List.of(SASL_USERNAME, SASL_PASSWORD)) {
                if (!given.containsKey(required)) {
                    problems.add(environmentVariable(SECURITY_PROTOCOL) + " is " + protocol + ", which needs "
                            + environmentVariable(required) + ", and it is not set");
                }
            }
            if (module != null && given.containsKey(SASL_USERNAME) && given.containsKey(SASL_PASSWORD)) {
                client.put(SASL_MECHANISM, mechanism);
                client.put(SASL_JAAS_CONFIG, jaasConfig(mechanism, given.get(SASL_USERNAME), given.get(SASL_PASSWORD)));
            }
        } else if (!sasl.isEmpty()) {
            problems.add(names(sasl) + " set, but " + environmentVariable(SECURITY_PROTOCOL) + " is " + protocol
                    + ", which does not use them; set it to SASL_PLAINTEXT or SASL_SSL, or unset them");
        }

        List<String> truststore = present(given, TRUSTSTORE.toArray(String[]::new));
        List<String> keystore = present(given, KEYSTORE.toArray(String[]::new));
        if (protocol.tls()) {
            copy(given, client, TRUSTSTORE);
            copy(given, client, KEYSTORE);
            if (!given.containsKey(TRUSTSTORE_LOCATION) && truststore.size() > 0) {
                problems.add(names(truststore) + " set without " + environmentVariable(TRUSTSTORE_LOCATION));
            }
            if (!given.containsKey(KEYSTORE_LOCATION) && keystore.size() > 0) {
                problems.add(names(keystore) + " set without " + environmentVariable(KEYSTORE_LOCATION));
            }
            if (protocol == Protocol.SASL_SSL && !keystore.isEmpty()) {
                problems.add(names(keystore) + " set, but with SASL_SSL the client proves who it is with its SASL"
                        + " login, not a certificate; use SSL for mutual TLS, or unset them");
            }
        } else if (!truststore.isEmpty() || !keystore.isEmpty()) {
            List<String> tls = new ArrayList<>(truststore);
            tls.addAll(keystore);
            problems.add(names(tls) + " set, but " + environmentVariable(SECURITY_PROTOCOL) + " is " + protocol
                    + ", which does not use TLS; set it to SSL or SASL_SSL, or unset them");
        }
        if (!problems.isEmpty()) {
            throw new KafkaSecuritySettingsException("The Kafka security settings do not fit together: "
                    + String.join("; ", problems) + ".");
        }
        return client;
    }

    /**
     * The {@code sasl.jaas.config} line for a username and password. Both are quoted, with backslash, quote and line
     * breaks escaped the way Kafka's JAAS parser ({@link java.io.StreamTokenizer} quoting) reads them back, so any
     * password survives unchanged.
     */
    public static String jaasConfig(String mechanism, String username, String password) {
        String module = LOGIN_MODULES.get(mechanism.toUpperCase(Locale.ROOT));
        if (module == null) {
            throw new KafkaSecuritySettingsException("no login module for SASL mechanism " + mechanism);
        }
        return module + " required username=" + quote(username) + " password=" + quote(password) + ";";
    }

    /** A one-line description for a log: the protocol, mechanism and user, never a password. */
    public static String describe(Map<String, String> client) {
        String protocol = client.getOrDefault(SECURITY_PROTOCOL, Protocol.PLAINTEXT.name());
        StringBuilder text = new StringBuilder(protocol);
        if (client.containsKey(SASL_MECHANISM)) {
            text.append(" (").append(client.get(SASL_MECHANISM)).append(')');
        }
        if (client.containsKey(KEYSTORE_LOCATION)) {
            text.append(" with the client certificate in ").append(client.get(KEYSTORE_LOCATION));
        }
        if (client.containsKey(TRUSTSTORE_LOCATION)) {
            text.append(", trusting ").append(client.get(TRUSTSTORE_LOCATION));
        }
        return text.toString();
    }

    /** A JAAS option value, quoted and escaped as {@link #jaasConfig} writes it (for a broker's own JAAS lines). */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static Protocol protocol(Map<String, String> given) {
        String text = given.get(SECURITY_PROTOCOL);
        if (text == null) {
            return Protocol.PLAINTEXT;
        }
        String normalized = text.toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(Protocol.values()).filter(p -> p.name().equals(normalized)).findFirst()
                .orElseThrow(() -> new KafkaSecuritySettingsException(environmentVariable(SECURITY_PROTOCOL) + " is "
                        + text + ", which Kafka does not know; use one of " + Arrays.stream(Protocol.values())
                                .map(Enum::name).collect(Collectors.joining(", "))));
    }

    private static List<String> present(Map<String, String> given, String... names) {
        return Arrays.stream(names).filter(given::containsKey).toList();
    }

    private static void copy(Map<String, String> given, Map<String, String> client, List<String> names) {
        names.stream().filter(given::containsKey).forEach(name -> client.put(name, given.get(name)));
    }

    private static String names(List<String> settings) {
        return settings.stream().map(KafkaClientSecurity::environmentVariable).collect(Collectors.joining(", "))
                + (settings.size() == 1 ? " is" : " are");
    }
}
