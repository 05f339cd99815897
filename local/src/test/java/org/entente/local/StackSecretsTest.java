package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack's credentials: made up once, kept private, reused, and overridden by the caller's environment. */
class StackSecretsTest {

    @TempDir
    Path home;

    @Test
    void madeUpOnFirstUseKeptPrivateAndReused() throws Exception {
        StackSecrets first = StackSecrets.load(home, Map.of());
        Path file = home.resolve(StackSecrets.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.users()).extracting(StackSecrets.User::name, StackSecrets.User::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("admin", "admin"),
                org.assertj.core.groups.Tuple.tuple("sales", "sales-viewer"),
                org.assertj.core.groups.Tuple.tuple("marketing", "marketing-viewer"));
        assertThat(first.users()).extracting(StackSecrets.User::password).doesNotHaveDuplicates()
                .allSatisfy(password -> assertThat(password).hasSizeGreaterThanOrEqualTo(16));
        assertThat(first.apiToken()).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(first.intakeToken());
        Map<String, String> env = first.serviceEnvironment(Service.SCORING, true);
        assertThat(Base64.getDecoder().decode(env.get(StackSecrets.LABEL_KEY))).hasSize(32);
        assertThat(env).containsEntry("ENTENTE_USERS_1_NAME", "sales").containsEntry("ENTENTE_USERS_1_ROLE",
                "sales-viewer").containsEntry("ENTENTE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry(StackSecrets.API_TOKEN, first.apiToken())
                .doesNotContainKeys(StackSecrets.BROKER_PASSWORD);
        // Each service gets its own Kafka login and no other.
        assertThat(env).containsEntry(StackSecrets.KAFKA_USERNAME, "entente-scoring")
                .containsEntry(StackSecrets.KAFKA_PASSWORD, first.kafkaLogin(KafkaAccess.Principal.SCORING).password())
                .doesNotContainValue(first.kafkaLogin(KafkaAccess.Principal.SURVEY).password())
                .doesNotContainValue(first.kafkaLogin(KafkaAccess.Principal.INTEGRATION).password())
                .doesNotContainValue(first.brokerLogin().password());
        assertThat(java.util.Arrays.stream(KafkaAccess.Principal.values()).map(p -> first.kafkaLogin(p).password()))
                .doesNotHaveDuplicates().allSatisfy(password -> assertThat(password).hasSizeGreaterThanOrEqualTo(24));
        assertThat(first.serviceEnvironment(Service.SCORING, false)).doesNotContainKeys(
                "ENTENTE_KAFKA_SECURITY_PROTOCOL", StackSecrets.KAFKA_PASSWORD);
        assertThat(first.toString()).doesNotContain(first.apiToken());

        StackSecrets again = StackSecrets.load(home, Map.of());
        assertThat(again.apiToken()).isEqualTo(first.apiToken());
        assertThat(again.users()).isEqualTo(first.users());
        assertThat(again.kafkaLogins()).isEqualTo(first.kafkaLogins());
    }

    @Test
    void theOneLoginEarlierVersionsSharedIsDropped() throws Exception {
        Path file = home.resolve(StackSecrets.FILE);
        Files.writeString(file, "ENTENTE_API_TOKEN='kept'\nENTENTE_KAFKA_SASL_USERNAME='entente-services'\n"
                + "ENTENTE_KAFKA_SASL_PASSWORD='shared'\n");
        StackSecrets secrets = StackSecrets.load(home, Map.of());
        assertThat(secrets.apiToken()).isEqualTo("kept");
        assertThat(Files.readString(file)).doesNotContain("entente-services").doesNotContain("shared")
                .contains(StackSecrets.loginVariable(KafkaAccess.Principal.INTEGRATION, "PASSWORD"));
    }

    @Test
    void theCallersEnvironmentWins() {
        StackSecrets kept = StackSecrets.load(home, Map.of());
        StackSecrets secrets = StackSecrets.load(home, Map.of(StackSecrets.API_TOKEN, "token-from-the-caller"));
        assertThat(secrets.apiToken()).isEqualTo("token-from-the-caller");
        assertThat(secrets.fromCaller(StackSecrets.API_TOKEN)).isTrue();
        assertThat(secrets.intakeToken()).isEqualTo(kept.intakeToken());
        assertThat(StackSecrets.load(home, Map.of()).apiToken()).isEqualTo(kept.apiToken());
    }
}
