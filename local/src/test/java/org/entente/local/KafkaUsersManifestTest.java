package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.entente.local.KafkaAccess.Principal;
import org.junit.jupiter.api.Test;

/**
 * The Strimzi {@code KafkaUser} resources in {@code deploy/components/kafka-users/kafka-users.yaml} carry exactly
 * the grants of {@link KafkaAccess}, the table the local broker enforces: the file is rendered from the table here
 * and must equal the rendering ({@link RenderedFromKafkaAccess}). After changing the table, run this test with
 * {@code -Dentente.deploy.write=true} to write the file again.
 */
class KafkaUsersManifestTest {

    private static final Path FILE = Path.of("deploy", "components", "kafka-users", "kafka-users.yaml");

    @Test
    void theKafkaUsersOfTheManifestsAreTheTablesGrants() throws Exception {
        RenderedFromKafkaAccess.assertCommitted(FILE, render(), getClass().getSimpleName());
    }

    @Test
    void everyOperationOfTheTableHasAStrimziName() {
        assertThat(KafkaAccess.all()).allSatisfy(binding -> assertThat(
                RenderedFromKafkaAccess.operation(binding.entry().operation()))
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
            yaml.append("# ").append(RenderedFromKafkaAccess.what(principal)).append('\n');
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
            RenderedFromKafkaAccess.byResource(principal).forEach((pattern, operations) -> yaml.append("""
                          - resource:
                              type: %s
                              name: %s
                              patternType: %s
                            operations: [%s]
                    """.formatted(resourceType(pattern.resourceType()), pattern.name(),
                    pattern.patternType() == PatternType.PREFIXED ? "prefix" : "literal",
                    operations.stream().map(RenderedFromKafkaAccess::operation).collect(Collectors.joining(", ")))));
        }
        return yaml.toString();
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
}
