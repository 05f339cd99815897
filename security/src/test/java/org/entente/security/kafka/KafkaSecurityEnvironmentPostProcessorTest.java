package org.entente.security.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StreamTokenizer;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;

/**
 * The Kafka credentials every service reads from {@code ENTENTE_KAFKA_*}: what they become in Spring Boot's
 * {@code spring.kafka.properties.*}, that explicit settings still win, that contradictions stop the start with a
 * message naming the variables, that the JAAS line reads back exactly as Kafka's parser reads it, and that no
 * password reaches the log or a message. No broker: the local module's tests log in for real.
 */
class KafkaSecurityEnvironmentPostProcessorTest {

    private static final String AWKWARD = "p\"a ss\\w;o=rd/*x*/'\n// end";

    private final List<String> logged = new ArrayList<>();

    @Test
    void plainTextByDefaultAddsNothing() {
        StandardEnvironment environment = environment(Map.of());
        process(environment);
        assertThat(environment.getPropertySources().contains(KafkaSecurityEnvironmentPostProcessor.PROPERTY_SOURCE))
                .isFalse();
        assertThat(KafkaClientSecurity.clientProperties(setting -> null)).isEmpty();
        assertThat(KafkaClientSecurity.fromEnvironment(Map.of("ENTENTE_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")))
                .isEmpty();
    }

    @Test
    void saslFromTheEnvironmentBecomesEveryClientsProperties() {
        StandardEnvironment environment = environment(Map.of(
                "ENTENTE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "ENTENTE_KAFKA_SASL_USERNAME", "entente-services",
                "ENTENTE_KAFKA_SASL_PASSWORD", "s3cret-Pa55",
                "ENTENTE_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ca.p12",
                "ENTENTE_KAFKA_SSL_TRUSTSTORE_PASSWORD", "trust-me",
                "ENTENTE_KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12"));
        process(environment);

        assertThat(environment.getProperty("spring.kafka.properties.security.protocol")).isEqualTo("SASL_SSL");
        assertThat(environment.getProperty("spring.kafka.properties.sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(environment.getProperty("spring.kafka.properties.sasl.jaas.config")).isEqualTo(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"entente-services\""
                        + " password=\"s3cret-Pa55\";");
        assertThat(environment.getProperty("spring.kafka.properties.ssl.truststore.location"))
                .isEqualTo("/etc/kafka/ca.p12");
        assertThat(environment.getProperty("spring.kafka.properties.ssl.truststore.password")).isEqualTo("trust-me");
        assertThat(environment.getProperty("spring.kafka.properties.ssl.truststore.type")).isEqualTo("PKCS12");
        assertThat(logged).singleElement().asString()
                .contains("SASL_SSL (SCRAM-SHA-512)", "entente-services", "/etc/kafka/ca.p12")
                .doesNotContain("s3cret-Pa55", "trust-me");
    }

    @Test
    void mutualTlsCarriesTheClientCertificate() {
        Map<String, String> client = KafkaClientSecurity.fromEnvironment(Map.of(
                "ENTENTE_KAFKA_SECURITY_PROTOCOL", "ssl",
                "ENTENTE_KAFKA_SSL_KEYSTORE_LOCATION", "/etc/kafka/survey.p12",
                "ENTENTE_KAFKA_SSL_KEYSTORE_PASSWORD", "key-store-secret",
                "ENTENTE_KAFKA_SSL_KEYSTORE_TYPE", "PKCS12",
                "ENTENTE_KAFKA_SSL_KEY_PASSWORD", "key-secret"));
        assertThat(client).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SSL",
                "ssl.keystore.location", "/etc/kafka/survey.p12",
                "ssl.keystore.password", "key-store-secret",
                "ssl.keystore.type", "PKCS12",
                "ssl.key.password", "key-secret"));
        assertThat(KafkaClientSecurity.describe(client)).doesNotContain("secret");
    }

    @Test
    void explicitSpringKafkaSettingsWin() {
        StandardEnvironment environment = environment(Map.of(
                "ENTENTE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "ENTENTE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-256",
                "ENTENTE_KAFKA_SASL_USERNAME", "entente-services",
                "ENTENTE_KAFKA_SASL_PASSWORD", "from-the-environment"));
        environment.getPropertySources().addFirst(new MapPropertySource("application.yml", Map.of(
                "spring.kafka.properties.sasl.mechanism", "PLAIN",
                "spring.kafka.properties.sasl.jaas.config", "explicit")));
        process(environment);

        assertThat(environment.getProperty("spring.kafka.properties.sasl.mechanism")).isEqualTo("PLAIN");
        assertThat(environment.getProperty("spring.kafka.properties.sasl.jaas.config")).isEqualTo("explicit");
        assertThat(environment.getProperty("spring.kafka.properties.security.protocol")).isEqualTo("SASL_PLAINTEXT");

        // Boot's typed setting would lose to spring.kafka.properties.*, so the matching key is not set at all.
        StandardEnvironment typed = environment(Map.of(
                "ENTENTE_KAFKA_SECURITY_PROTOCOL", "SSL",
                "ENTENTE_KAFKA_SSL_TRUSTSTORE_LOCATION", "/from/the/environment.p12",
                "SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "SPRING_KAFKA_SSL_TRUSTSTORELOCATION", "/explicit.p12"));
        process(typed);
        assertThat(typed.getPropertySources().get(KafkaSecurityEnvironmentPostProcessor.PROPERTY_SOURCE).getSource())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .doesNotContainKeys("spring.kafka.properties.security.protocol",
                        "spring.kafka.properties.ssl.truststore.location");
    }

    @Test
    void refusesInconsistentSettingsNamingTheVariablesButNoSecret() {
        assertRefused(Map.of("ENTENTE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "ENTENTE_KAFKA_SASL_USERNAME", "svc"),
                "ENTENTE_KAFKA_SECURITY_PROTOCOL is SASL_SSL, which needs ENTENTE_KAFKA_SASL_PASSWORD");
        assertRefused(Map.of("ENTENTE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "ENTENTE_KAFKA_SASL_PASSWORD",
                "hunter2-secret"), "needs ENTENTE_KAFKA_SASL_USERNAME");
        assertRefused(Map.of("ENTENTE_KAFKA_SECURITY_PROTOCOL", "TLS"),
                "ENTENTE_KAFKA_SECURITY_PROTOCOL is TLS, which Kafka does not know; use one of PLAINTEXT,"
                        + " SASL_PLAINTEXT, SASL_SSL, SSL");
        assertRefused(Map.of("ENTENTE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "ENTENTE_KAFKA_SASL_MECHANISM", "GSSAPI",
                "ENTENTE_KAFKA_SASL_USERNAME", "svc", "ENTENTE_KAFKA_SASL_PASSWORD", "hunter2-secret"),
                "ENTENTE_KAFKA_SASL_MECHANISM is GSSAPI, which Entente cannot log in with");
        assertRefused(Map.of("ENTENTE_KAFKA_SASL_USERNAME", "svc", "ENTENTE_KAFKA_SASL_PASSWORD", "hunter2-secret"),
                "ENTENTE_KAFKA_SASL_USERNAME, ENTENTE_KAFKA_SASL_PASSWORD are set, but"
                        + " ENTENTE_KAFKA_SECURITY_PROTOCOL is PLAINTEXT");
        assertRefused(Map.of("ENTENTE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "ENTENTE_KAFKA_SASL_USERNAME",
                "svc", "ENTENTE_KAFKA_SASL_PASSWORD", "hunter2-secret", "ENTENTE_KAFKA_SSL_TRUSTSTORE_LOCATION",
                "/ca.p12"), "ENTENTE_KAFKA_SSL_TRUSTSTORE_LOCATION is set, but ENTENTE_KAFKA_SECURITY_PROTOCOL is"
                        + " SASL_PLAINTEXT, which does not use TLS");
        assertRefused(Map.of("ENTENTE_KAFKA_SECURITY_PROTOCOL", "SSL", "ENTENTE_KAFKA_SSL_KEYSTORE_PASSWORD",
                "hunter2-secret"), "ENTENTE_KAFKA_SSL_KEYSTORE_PASSWORD is set without"
                        + " ENTENTE_KAFKA_SSL_KEYSTORE_LOCATION");
    }

    @Test
    void theJaasLineReadsBackExactlyAsKafkasParserReadsIt() throws IOException {
        String line = KafkaClientSecurity.jaasConfig("SCRAM-SHA-512", "we\"ird user", AWKWARD);
        Map<String, String> options = parseLikeKafka(line);
        assertThat(options).containsExactlyInAnyOrderEntriesOf(Map.of(
                "username", "we\"ird user", "password", AWKWARD));
        assertThat(KafkaClientSecurity.jaasConfig("PLAIN", "u", "p"))
                .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required ");
    }

    @Test
    void aServiceWithInconsistentSettingsDoesNotStartAndOneWithGoodSettingsHasThem() {
        SpringApplication application = new SpringApplication(Empty.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run(
                "--entente.kafka.security.protocol=SASL_PLAINTEXT", "--entente.kafka.sasl.username=svc",
                "--entente.kafka.sasl.password=pw")) {
            assertThat(context.getEnvironment().getProperty("spring.kafka.properties.sasl.jaas.config"))
                    .contains("username=\"svc\"");
        }
        assertThatThrownBy(() -> application.run("--entente.kafka.security.protocol=SASL_PLAINTEXT",
                "--entente.kafka.sasl.password=hunter2-secret"))
                .isInstanceOf(KafkaSecuritySettingsException.class)
                .hasMessageContaining("ENTENTE_KAFKA_SASL_USERNAME")
                .hasMessageNotContaining("hunter2-secret");
    }

    @Test
    void aRefusalIsReportedAsWhatToChangeNotAsAStackTrace() throws IOException {
        assertThat(failureAnalyzers()).as("registered in spring.factories")
                .contains(KafkaSecuritySettingsFailureAnalyzer.class.getName());
        var analysis = new KafkaSecuritySettingsFailureAnalyzer().analyze(new IllegalStateException("wrapped",
                new KafkaSecuritySettingsException("ENTENTE_KAFKA_SECURITY_PROTOCOL is TLS")));
        assertThat(analysis.getDescription()).isEqualTo("ENTENTE_KAFKA_SECURITY_PROTOCOL is TLS");
        assertThat(analysis.getAction()).contains("ENTENTE_KAFKA_SASL_USERNAME");
    }

    @Test
    void aLoginKafkaRefusesIsReportedWithWhatItWasRefused() throws IOException {
        assertThat(failureAnalyzers()).as("registered in spring.factories")
                .contains(KafkaAuthorizationFailureAnalyzer.class.getName());
        var environment = new org.springframework.mock.env.MockEnvironment()
                .withProperty("entente.kafka.sasl.username", "entente-funnel");
        var analyzer = new KafkaAuthorizationFailureAnalyzer(environment);
        var refused = new org.apache.kafka.common.errors.TopicAuthorizationException(
                java.util.Set.of("entente.survey.responses.v1", "entente.survey.assessments.v1"));
        var analysis = analyzer.analyze(new IllegalStateException("wrapped", refused));
        assertThat(analysis.getDescription()).isEqualTo("Kafka refused the login entente-funnel: the topics"
                + " entente.survey.assessments.v1, entente.survey.responses.v1.");
        assertThat(analysis.getAction()).contains("ENTENTE_KAFKA_SASL_USERNAME").contains("KafkaAccess");
        var vague = analyzer.analyze(new IllegalStateException("wrapped", new IllegalStateException(
                new org.apache.kafka.common.errors.TopicAuthorizationException("Topic authorization failed."))));
        assertThat(vague.getDescription()).isEqualTo(
                "Kafka refused the login entente-funnel: Topic authorization failed.");
        var group = analyzer.analyze(new org.apache.kafka.common.errors.GroupAuthorizationException(
                "Not authorized to access group: scoring-service", "scoring-service"));
        assertThat(group.getDescription()).endsWith("the consumer group scoring-service.");
    }

    /** The failure analyzers every spring.factories on the class path registers, as one text. */
    private String failureAnalyzers() throws IOException {
        StringBuilder registered = new StringBuilder();
        var factories = getClass().getClassLoader().getResources("META-INF/spring.factories");
        while (factories.hasMoreElements()) {
            java.util.Properties properties = new java.util.Properties();
            try (var in = factories.nextElement().openStream()) {
                properties.load(in);
            }
            registered.append(properties.getProperty("org.springframework.boot.diagnostics.FailureAnalyzer", ""));
        }
        return registered.toString();
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    private void assertRefused(Map<String, String> variables, String message) {
        assertThatThrownBy(() -> process(environment(variables)))
                .isInstanceOf(KafkaSecuritySettingsException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("hunter2-secret");
    }

    private StandardEnvironment environment(Map<String, String> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    private void process(StandardEnvironment environment) {
        Log log = (Log) Proxy.newProxyInstance(Log.class.getClassLoader(), new Class<?>[] {Log.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("is")) {
                        return true;
                    }
                    if (args != null && args.length > 0) {
                        logged.add(String.valueOf(args[0]));
                    }
                    return null;
                });
        new KafkaSecurityEnvironmentPostProcessor(destination -> log)
                .postProcessEnvironment(environment, new SpringApplication());
    }

    /** The tokenizer set-up of Kafka's (package-private) {@code org.apache.kafka.common.security.JaasConfig}. */
    private static Map<String, String> parseLikeKafka(String line) throws IOException {
        StreamTokenizer tokenizer = new StreamTokenizer(new StringReader(line));
        tokenizer.resetSyntax();
        tokenizer.wordChars(32, 128);
        tokenizer.wordChars(128 + 32, 255);
        tokenizer.ordinaryChar(';');
        tokenizer.ordinaryChar('=');
        tokenizer.whitespaceChars(0, ' ');
        tokenizer.commentChar('/');
        tokenizer.quoteChar('"');
        tokenizer.quoteChar('\'');
        tokenizer.slashSlashComments(true);
        tokenizer.slashStarComments(true);
        assertThat(tokenizer.nextToken()).isEqualTo(StreamTokenizer.TT_WORD);
        assertThat(tokenizer.nextToken()).isEqualTo(StreamTokenizer.TT_WORD);
        assertThat(tokenizer.sval).isEqualTo("required");
        Map<String, String> options = new LinkedHashMap<>();
        while (tokenizer.nextToken() != StreamTokenizer.TT_EOF && tokenizer.ttype != ';') {
            String key = tokenizer.sval;
            assertThat(tokenizer.nextToken()).isEqualTo('=');
            tokenizer.nextToken();
            options.put(key, tokenizer.sval);
        }
        assertThat(tokenizer.ttype).isEqualTo(';');
        return options;
    }
}
