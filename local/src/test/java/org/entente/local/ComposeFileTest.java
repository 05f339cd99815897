package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.entente.local.KafkaAccess.Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} wires the Kafka logins as the table says: the broker authorizes and takes SASL logins
 * only, each service logs in as its own {@link Principal} with the password variable {@code kafka-setup} sets that
 * login to (and that {@code docker/compose/kafka-access.sh} names, {@link ComposeKafkaAccessTest}), every password
 * is required, no service starts before {@code kafka-setup} has finished, and the broker is tuned for transactions
 * as the local stack's ({@link KafkaBroker}). The file is read as YAML (anchors and
 * merge keys resolved), not started: {@code .ci/containers} starts it.
 */
class ComposeFileTest {

    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws Exception {
        Path file = LocalStack.Builder.findRepository(Path.of("").toAbsolutePath()).resolve("docker-compose.yml");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            services = (Map<String, Object>) new Yaml().<Map<String, Object>>load(reader).get("services");
        }
    }

    @Test
    void theBrokerAuthorizesAndTakesScramLoginsOnly() {
        Map<String, Object> env = environment("kafka");
        assertThat(env.get("KAFKA_AUTHORIZER_CLASS_NAME"))
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(env.get("KAFKA_SUPER_USERS")).isEqualTo("User:entente-broker");
        assertThat(env.get("KAFKA_SASL_ENABLED_MECHANISMS")).isEqualTo(ScramUsers.MECHANISM);
        assertThat(((String) env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).split(","))
                .allSatisfy(listener -> assertThat(listener).endsWith(":SASL_PLAINTEXT"));
    }

    @Test
    void theBrokerRetriesAddingPartitionsToATransactionAsSoonAsTheLocalStacksDoes() {
        String variable = "KAFKA_" + KafkaBroker.ADD_PARTITIONS_BACKOFF.toUpperCase(Locale.ROOT)
                .replace('.', '_');
        assertThat(environment("kafka")).containsEntry(variable, KafkaBroker.ADD_PARTITIONS_BACKOFF_MS);
        assertThat(KafkaBroker.config(Path.of("data"), 9092, 9093))
                .containsEntry(KafkaBroker.ADD_PARTITIONS_BACKOFF, KafkaBroker.ADD_PARTITIONS_BACKOFF_MS);
    }

    @Test
    void eachServiceLogsInAsItsOwnUserWithThePasswordKafkaSetupSets() {
        for (Service service : Service.values()) {
            Principal principal = Principal.of(service);
            String variable = StackSecrets.loginVariable(principal, "PASSWORD");
            Map<String, Object> env = environment(service.module());
            assertThat(env).as(service.module())
                    .containsEntry("ENTENTE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                    .containsEntry("ENTENTE_KAFKA_SASL_MECHANISM", ScramUsers.MECHANISM)
                    .containsEntry(StackSecrets.KAFKA_USERNAME, principal.user())
                    .containsEntry(StackSecrets.KAFKA_PASSWORD, "${" + variable + "}");
        }
    }

    @Test
    void everyLoginsPasswordIsRequired() {
        Map<String, Object> setup = environment("kafka-setup");
        for (Principal principal : Principal.values()) {
            String variable = StackSecrets.loginVariable(principal, "PASSWORD");
            assertThat((String) setup.get(variable)).as("kafka-setup's %s", variable)
                    .startsWith("${" + variable + ":?set " + variable + ",");
        }
        assertThat((String) environment("kafka-format").get(StackSecrets.BROKER_PASSWORD))
                .startsWith("${" + StackSecrets.BROKER_PASSWORD + ":?set " + StackSecrets.BROKER_PASSWORD + ",");
    }

    @Test
    @SuppressWarnings("unchecked")
    void noServiceStartsBeforeTheLoginsAndAclsAreSet() {
        for (Service service : Service.values()) {
            assertThat((Map<String, Object>) service(service.module()).get("depends_on")).as(service.module())
                    .containsEntry("kafka-setup", Map.of("condition", "service_completed_successfully"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String name) {
        return (Map<String, Object>) service(name).get("environment");
    }
}
