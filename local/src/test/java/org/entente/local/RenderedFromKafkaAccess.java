package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourcePattern;
import org.entente.local.KafkaAccess.Principal;

/**
 * What the deployment files rendered from {@link KafkaAccess} have in common: the table read as resources with their
 * operations, operation and login descriptions as Kafka's tools and Strimzi spell them, and the check that a
 * committed file equals its rendering (or, with {@code -Dentente.deploy.write=true}, writing it). Used by
 * {@link KafkaUsersManifestTest} (Strimzi {@code KafkaUser}s) and {@link ComposeKafkaAccessTest} (the docker
 * compose broker's setup); each renders its own format. It does not render anything by itself.
 */
final class RenderedFromKafkaAccess {

    /** Set to true to write the files instead of comparing them. */
    static final String WRITE = "entente.deploy.write";

    private RenderedFromKafkaAccess() {
    }

    /**
     * Asserts that the committed file at {@code file} (relative to the repository) is {@code rendered}, after writing
     * it when {@value #WRITE} is true.
     */
    static void assertCommitted(Path file, String rendered, String renderer) throws IOException {
        Path committed = LocalStack.Builder.findRepository(Path.of("").toAbsolutePath()).resolve(file);
        if (Boolean.getBoolean(WRITE)) {
            Files.writeString(committed, rendered, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as("%s is rendered from KafkaAccess by %s: run it with -D%s=true", file, renderer, WRITE)
                .isEqualTo(rendered);
    }

    /** One login's grants by resource, in the table's order, each with its operations in the table's order. */
    static Map<ResourcePattern, List<AclOperation>> byResource(Principal principal) {
        Map<ResourcePattern, List<AclOperation>> byResource = new LinkedHashMap<>();
        for (AclBinding binding : KafkaAccess.of(principal)) {
            byResource.computeIfAbsent(binding.pattern(), p -> new ArrayList<>()).add(binding.entry().operation());
        }
        return byResource;
    }

    /** Kafka's READ, DESCRIBE_CONFIGS as Strimzi and {@code kafka-acls.sh} write them: Read, DescribeConfigs. */
    static String operation(AclOperation operation) {
        StringBuilder name = new StringBuilder();
        for (String word : operation.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    /** A line saying whose login it is. */
    static String what(Principal principal) {
        return switch (principal) {
            case INTEGRATION -> "Integrating applications: publish responses and funnel events, read the public outbound"
                    + " topics (groups " + KafkaAccess.INTEGRATION_GROUP_PREFIX + "*).";
            default -> principal.name().toLowerCase(Locale.ROOT) + "-service's login.";
        };
    }
}
