package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.entente.local.KafkaAccess.Principal;
import org.junit.jupiter.api.Test;

/**
 * The Strimzi {@code KafkaUser} resources in {@code deploy/components/kafka-users/kafka-users.yaml} carry exactly
 * the grants of {@link KafkaAccess}, the table the local broker enforces: the file is rendered from the table here
 * and must equal the rendering. After changing the table, run this test with {@code -Dentente.deploy.write=true} to
 * write the file again.
 */
class KafkaUsersManifestTest {

    private static final Path FILE = Path.of("deploy", "components", "kafka-users", "kafka-users.yaml");

    @Test
    void theKafkaUsersOfTheManifestsAreTheTablesGrants() throws Exception {
        Path file = LocalStack.Builder.findRepository(Path.of("").toAbsolutePath()).resolve(FILE);
        String rendered = render();
        if (Boolean.getBoolean("entente.deploy.write")) {
            Files.writeString(file, rendered, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s is rendered from KafkaAccess: run this test with -Dentente.deploy.write=true", FILE)
                .isEqualTo(rendered);
    }

    @Test
    void everyOperationOfTheTableHasAStrimziName() {
        assertThat(KafkaAccess.all()).allSatisfy(binding -> assertThat(operation(binding.entry().operation()))
                .isIn("Read", "Write", "Create", "Delete", "Describe", "DescribeConfigs"));
    }

    static String render() {
        StringBuilder yaml = new StringBuilder("""
                # Entente's Kafka logins as Strimzi KafkaUser resources: SCRAM-SHA-512, and ACLs for exactly each job.
                # Rendered from local/src/main/java/org/entente/local/KafkaAccess.java (the table ./entente up enforces on
                # the local broker) by KafkaUsersManifestTest; do not edit by hand. The User Operator puts each login's
                # password in a Secret of the same name (key "password"), which the services' patches read.
                """);
        for (Principal principal : Principal.values()) {
            yaml.append("---\n");
            yaml.append("# ").append(what(principal)).append('\n');
            yaml.append("""
                    apiVersion: kafka.strimzi.io/v1beta2
                    kind: KafkaUser
                    metadata:
                      name: %s
                      labels:
                        strimzi.io/cluster: entente
                    spec:
                      authentication:
                        type: scram-sha-512
                      authorization:
                        type: simple
                        acls:
                    """.formatted(principal.user()));
            Map<ResourcePattern, List<AclOperation>> byResource = new LinkedHashMap<>();
            for (AclBinding binding : KafkaAccess.of(principal)) {
                byResource.computeIfAbsent(binding.pattern(), p -> new java.util.ArrayList<>())
                        .add(binding.entry().operation());
            }
            byResource.forEach((pattern, operations) -> yaml.append("""
                          - resource:
                              type: %s
                              name: %s
                              patternType: %s
                            operations: [%s]
                    """.formatted(resourceType(pattern.resourceType()), pattern.name(),
                    pattern.patternType() == PatternType.PREFIXED ? "prefix" : "literal",
                    operations.stream().map(KafkaUsersManifestTest::operation).collect(Collectors.joining(", ")))));
        }
        return yaml.toString();
    }

    private static String what(Principal principal) {
        return switch (principal) {
            case INTEGRATION -> "Integrating applications: publish responses and funnel events, read the public outbound"
                    + " topics (groups " + KafkaAccess.INTEGRATION_GROUP_PREFIX + "*).";
            default -> principal.name().toLowerCase(Locale.ROOT) + "-service's login.";
        };
    }

    private static String resourceType(ResourceType type) {
        return switch (type) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case TRANSACTIONAL_ID -> "transactionalId";
            case CLUSTER -> "cluster";
            default -> throw new IllegalArgumentException("Strimzi has no resource type for " + type);
        };
    }

    /** Kafka's READ, DESCRIBE_CONFIGS as Strimzi writes them: Read, DescribeConfigs. */
    private static String operation(AclOperation operation) {
        StringBuilder name = new StringBuilder();
        for (String word : operation.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
