package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.entente.local.KafkaAccess.Principal;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.Test;

/**
 * The docker compose broker's logins, topics and ACLs ({@code docker/compose/kafka-access.sh}, run by the one-shot
 * {@code kafka-setup} service through {@code docker/compose/kafka-setup.sh}) are exactly {@link KafkaAccess}'s table
 * and the contract's topics ({@link Topics}): the file is rendered here and must equal the rendering
 * ({@link RenderedFromKafkaAccess}). After changing the table or the topics, run this test with
 * {@code -Dentente.deploy.write=true} to write the file again.
 */
class ComposeKafkaAccessTest {

    private static final Path FILE = Path.of("docker", "compose", "kafka-access.sh");

    @Test
    void theComposeSetupIsTheTablesGrantsAndTheContractsTopics() throws Exception {
        RenderedFromKafkaAccess.assertCommitted(FILE, render(), getClass().getSimpleName());
    }

    @Test
    void theRenderingGrantsEveryBindingOfTheTableOnce() {
        // Each grant line stands for operations x names; together they must be the table, nothing more.
        List<String> expanded = new ArrayList<>();
        for (Principal principal : Principal.values()) {
            grants(principal).forEach((kind, names) -> {
                for (AclOperation operation : kind.operations()) {
                    names.forEach(name -> expanded.add(principal.user() + " " + kind.type() + " " + kind.pattern()
                            + " " + name + " " + operation));
                }
            });
        }
        List<String> table = KafkaAccess.all().stream().map(b -> b.entry().principal().substring("User:".length())
                + " " + b.pattern().resourceType() + " " + b.pattern().patternType() + " " + b.pattern().name() + " "
                + b.entry().operation()).toList();
        assertThat(expanded).containsExactlyInAnyOrderElementsOf(table);
    }

    static String render() {
        StringBuilder script = new StringBuilder("""
                # Entente's Kafka logins, topics and ACLs on the docker compose broker, as calls of the functions that
                # kafka-setup.sh defines before it reads this file. Rendered from
                # local/src/main/java/org/entente/local/KafkaAccess.java (the table ./entente up enforces on the local
                # broker, and Kubernetes as Strimzi KafkaUsers) and the topic registry in schemas by
                # ComposeKafkaAccessTest; do not edit by hand.
                #
                #   login <user> <variable holding its password>
                #   topic <name> [<config>=<value>...]       (ENTENTE_TOPICS_PARTITIONS partitions, one replica)
                #   grant <user> <resource> <pattern> <operations> <name>...   (allowed from any host)

                """);
        for (Principal principal : Principal.values()) {
            script.append("login ").append(principal.user()).append(' ')
                    .append(StackSecrets.loginVariable(principal, "PASSWORD")).append('\n');
        }
        script.append('\n');
        for (NewTopic topic : Topics.withDeadLetters(1, (short) 1, Topics.ALL)) {
            script.append("topic ").append(topic.name());
            new TreeMap<>(topic.configs()).forEach((key, value) -> script.append(' ').append(key).append('=')
                    .append(value));
            script.append('\n');
        }
        for (Principal principal : Principal.values()) {
            script.append("\n# ").append(RenderedFromKafkaAccess.what(principal)).append('\n');
            grants(principal).forEach((kind, names) -> script.append("grant ").append(principal.user()).append(' ')
                    .append(resource(kind.type())).append(' ')
                    .append(kind.pattern() == PatternType.PREFIXED ? "prefixed" : "literal").append(' ')
                    .append(kind.operations().stream().map(RenderedFromKafkaAccess::operation)
                            .collect(Collectors.joining(",")))
                    .append(' ').append(String.join(" ", names)).append('\n'));
        }
        return script.toString();
    }

    /** Resources of one type and pattern with the same operations: one {@code kafka-acls.sh} call grants them all. */
    private record Kind(ResourceType type, PatternType pattern, List<AclOperation> operations) {
    }

    /** One login's grants as calls: the resources of each kind, in the table's order. */
    private static Map<Kind, List<String>> grants(Principal principal) {
        Map<Kind, List<String>> grants = new LinkedHashMap<>();
        for (Map.Entry<ResourcePattern, List<AclOperation>> grant
                : RenderedFromKafkaAccess.byResource(principal).entrySet()) {
            ResourcePattern pattern = grant.getKey();
            grants.computeIfAbsent(new Kind(pattern.resourceType(), pattern.patternType(), grant.getValue()),
                    k -> new ArrayList<>()).add(pattern.name());
        }
        return grants;
    }

    /** The resource as {@code kafka-acls.sh} names its option: {@code --topic}, {@code --transactional-id}. */
    private static String resource(ResourceType type) {
        return switch (type) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case TRANSACTIONAL_ID -> "transactional-id";
            default -> throw new IllegalArgumentException("the compose setup has no resource type " + type);
        };
    }
}
