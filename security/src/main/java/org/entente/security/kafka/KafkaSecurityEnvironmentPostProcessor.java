package org.entente.security.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every Kafka client of a service the credentials of {@link KafkaClientSecurity}, from the environment, in one
 * place, before any bean exists. It sets Spring Boot's {@code spring.kafka.properties.<kafka name>}, which reaches
 * every client the services make:
 * <ul>
 * <li>Boot's own producers, consumers and admin ({@code KafkaProperties.build*Properties()}), which survey-service
 * and funnel-service also use for the clients they build themselves;</li>
 * <li>the Kafka Streams of scoring-service, advice-service and funnel-service ({@code @EnableKafkaStreams}:
 * {@code KafkaProperties.buildStreamsProperties()}).</li>
 * </ul>
 * Its property source comes last, so a setting made explicitly wins key by key: any
 * {@code spring.kafka.properties.*} or {@code spring.kafka.streams.properties.*}, and Boot's typed
 * {@code spring.kafka.security.protocol} and {@code spring.kafka.ssl.*} (for which it leaves the matching key
 * unset). Inconsistent settings stop the service at start-up with a {@link KafkaSecuritySettingsException}. It logs
 * how the service connects (protocol, mechanism, user), never a password.
 */
public class KafkaSecurityEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** The name of the property source it adds. */
    public static final String PROPERTY_SOURCE = "entente-kafka-security";
    static final String CLIENT_PREFIX = "spring.kafka.properties.";

    /** Boot's typed settings that would lose to {@code spring.kafka.properties.*}; when set, the key is left alone. */
    private static final Map<String, List<String>> TYPED = Map.of(
            KafkaClientSecurity.SECURITY_PROTOCOL, List.of("spring.kafka.security.protocol"),
            KafkaClientSecurity.TRUSTSTORE_LOCATION, List.of("spring.kafka.ssl.trust-store-location", "spring.kafka.ssl.bundle"),
            KafkaClientSecurity.TRUSTSTORE_PASSWORD, List.of("spring.kafka.ssl.trust-store-password", "spring.kafka.ssl.bundle"),
            KafkaClientSecurity.TRUSTSTORE_TYPE, List.of("spring.kafka.ssl.trust-store-type", "spring.kafka.ssl.bundle"),
            KafkaClientSecurity.KEYSTORE_LOCATION, List.of("spring.kafka.ssl.key-store-location", "spring.kafka.ssl.bundle"),
            KafkaClientSecurity.KEYSTORE_PASSWORD, List.of("spring.kafka.ssl.key-store-password", "spring.kafka.ssl.bundle"),
            KafkaClientSecurity.KEYSTORE_TYPE, List.of("spring.kafka.ssl.key-store-type", "spring.kafka.ssl.bundle"),
            KafkaClientSecurity.KEY_PASSWORD, List.of("spring.kafka.ssl.key-password", "spring.kafka.ssl.bundle"));

    private final Log log;

    public KafkaSecurityEnvironmentPostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(KafkaSecurityEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        Map<String, String> client = KafkaClientSecurity.clientProperties(
                setting -> binder.bind(KafkaClientSecurity.PREFIX + setting, String.class).orElse(null));
        if (client.isEmpty()) {
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        client.forEach((key, value) -> {
            boolean typed = TYPED.getOrDefault(key, List.of()).stream()
                    .anyMatch(name -> binder.bind(name, String.class).isBound());
            if (!typed) {
                properties.put(CLIENT_PREFIX + key, value);
            }
        });
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, properties));
        String user = binder.bind(KafkaClientSecurity.PREFIX + KafkaClientSecurity.SASL_USERNAME, String.class)
                .map(name -> " as " + name).orElse("");
        log.info("Kafka clients connect with " + KafkaClientSecurity.describe(client)
                + (client.containsKey(KafkaClientSecurity.SASL_JAAS_CONFIG) ? user : ""));
    }

    @Override
    public int getOrder() {
        // After the configuration files and profiles are read, so that what they set is seen and wins.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
