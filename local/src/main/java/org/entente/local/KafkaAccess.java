package org.entente.local;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.entente.schemas.Topic;
import org.entente.schemas.Topics;

/**
 * Who may do what on Entente's Kafka: one login per service and one for integrating applications, each with the
 * ACLs for exactly its job, and nothing for anyone else (the broker's authorizer denies what no ACL allows). This
 * table is the one place the grants are written: {@code ./entente up} creates them on the local broker, and the
 * Strimzi {@code KafkaUser} resources in {@code deploy/components/kafka-users} and the docker compose broker's setup
 * in {@code docker/compose/kafka-access.sh} are rendered from it (by {@code KafkaUsersManifestTest} and
 * {@code ComposeKafkaAccessTest}, which also fail while their file differs from the table).
 *
 * <ul>
 * <li>Each service reads the topics it consumes and writes the ones it produces, dead-letter topics included.</li>
 * <li>A Kafka Streams service also owns everything named after its {@code application.id}: its consumer group,
 * its internal topics ({@code <application.id>-...-changelog|repartition}, which it creates and deletes) and its
 * transactional ids ({@code exactly_once_v2}: {@code <application.id>-<process>-<thread>}).</li>
 * <li>survey-service keeps its own compacted invitations topic, which it creates; it reads whole topics without a
 * consumer group, as do funnel-service's live feed and advice-service's global table.</li>
 * <li>funnel-service keeps a compacted topic of alert deliveries, which it creates, and commits in a consumer group
 * of its own how far alert delivery got. It alone writes and reads the revenue targets and the who-to-call directory
 * that admins edit (public compacted topics, read whole without a group).</li>
 * <li>The integration login writes the two inbound topics and reads the public outbound ones, with consumer
 * groups whose id starts with {@value #INTEGRATION_GROUP_PREFIX}.</li>
 * </ul>
 * Topic creation for the public topics is the operator's job ({@code ./entente up} does it as the super user); a
 * service may only create its own internal topics. Idempotent producers need no cluster grant on Kafka 4 (a topic
 * {@code WRITE} is enough). It does not grant anything to people or tools (they use the super user) and has no
 * read-only "auditor" login yet.
 */
public final class KafkaAccess {

    /** Consumer groups the integration login may use: {@code integration-crm}, {@code integration-bi}, ... */
    public static final String INTEGRATION_GROUP_PREFIX = "integration-";

    /**
     * survey-service's internal invitations topic ({@code InvitationLog.TOPIC} in survey-service, which this module
     * does not depend on; the end-to-end test fails if the two differ).
     */
    static final String SURVEY_INVITATIONS = "entente.survey.invitations.internal.v1";

    /**
     * funnel-service's alert delivery: its compacted topic of deliveries ({@code DeliveredLog.TOPIC}) and its
     * consumer group (the default of {@code entente.funnel.alerts.group}), named in funnel-service, which this
     * module does not depend on.
     */
    static final String FUNNEL_ALERT_DELIVERIES = "entente.funnel.alert-deliveries.internal.v1";
    static final String FUNNEL_ALERT_DELIVERY_GROUP = "funnel-service-alert-delivery";

    /** The Kafka Streams application ids (each service's configuration), which name groups, topics and transactions. */
    static final String SCORING_APPLICATION = "scoring-service";
    static final String ADVICE_APPLICATION = "entente-advice-service";
    static final String FUNNEL_APPLICATION = "funnel-service";

    /** The logins: a SCRAM user each, named {@code entente-<id>}. */
    public enum Principal {
        SURVEY, SCORING, ADVICE, FUNNEL, INTEGRATION;

        /** The Kafka user name, e.g. {@code entente-survey}. */
        public String user() {
            return "entente-" + name().toLowerCase(Locale.ROOT);
        }

        /** The login a service runs as. */
        public static Principal of(Service service) {
            return valueOf(service.name());
        }
    }

    private KafkaAccess() {
    }

    /** Every grant of every login. */
    public static List<AclBinding> all() {
        List<AclBinding> all = new ArrayList<>();
        for (Principal principal : Principal.values()) {
            all.addAll(of(principal));
        }
        return List.copyOf(all);
    }

    /** The grants of one login. */
    public static List<AclBinding> of(Principal principal) {
        Grants grants = new Grants(principal);
        switch (principal) {
            case SURVEY -> grants
                    .topic(Topics.ASSESSMENTS.name(), READ, WRITE, DESCRIBE)
                    .topic(Topics.RESPONSES.name(), READ, WRITE, DESCRIBE)
                    .topic(Topics.STAGES.name(), READ, DESCRIBE)
                    .topic(SURVEY_INVITATIONS, CREATE, READ, WRITE, DESCRIBE);
            case SCORING -> grants
                    .reads(Topics.ASSESSMENTS, Topics.RESPONSES)
                    .writes(Topics.STAGES)
                    .deadLetters(Topics.ASSESSMENTS, Topics.RESPONSES)
                    .streamsApplication(SCORING_APPLICATION);
            case ADVICE -> grants
                    .reads(Topics.STAGES, Topics.ASSESSMENTS, Topics.FUNNEL_METRICS)
                    .writes(Topics.ADVICE)
                    .deadLetters(Topics.STAGES, Topics.ASSESSMENTS)
                    .streamsApplication(ADVICE_APPLICATION);
            case FUNNEL -> grants
                    .topic(Topics.FUNNEL_EVENTS.name(), READ, WRITE, DESCRIBE)
                    .topic(Topics.FUNNEL_METRICS.name(), READ, WRITE, DESCRIBE)
                    .topic(Topics.FUNNEL_ALERTS.name(), READ, WRITE, DESCRIBE)
                    .topic(Topics.FUNNEL_TARGETS.name(), READ, WRITE, DESCRIBE)
                    .topic(Topics.FUNNEL_DIRECTORY.name(), READ, WRITE, DESCRIBE)
                    .deadLetters(Topics.FUNNEL_EVENTS)
                    .streamsApplication(FUNNEL_APPLICATION)
                    .topic(FUNNEL_ALERT_DELIVERIES, CREATE, READ, WRITE, DESCRIBE)
                    .add(ResourceType.GROUP, FUNNEL_ALERT_DELIVERY_GROUP, PatternType.LITERAL, READ, DESCRIBE);
            case INTEGRATION -> grants
                    .writes(Topics.RESPONSES, Topics.FUNNEL_EVENTS)
                    .reads(Topics.STAGES, Topics.ADVICE, Topics.FUNNEL_METRICS, Topics.FUNNEL_ALERTS)
                    .add(ResourceType.GROUP, INTEGRATION_GROUP_PREFIX, PatternType.PREFIXED, READ, DESCRIBE);
            default -> throw new IllegalArgumentException(principal.name());
        }
        return grants.bindings();
    }

    /** Collects one login's grants, in the order they are written. */
    private static final class Grants {
        private final Principal principal;
        private final List<AclBinding> bindings = new ArrayList<>();

        Grants(Principal principal) {
            this.principal = principal;
        }

        Grants reads(Topic<?>... topics) {
            Arrays.stream(topics).forEach(t -> topic(t.name(), READ, DESCRIBE));
            return this;
        }

        Grants writes(Topic<?>... topics) {
            Arrays.stream(topics).forEach(t -> topic(t.name(), WRITE, DESCRIBE));
            return this;
        }

        Grants deadLetters(Topic<?>... sources) {
            Arrays.stream(sources).forEach(t -> topic(t.dlq(), WRITE, DESCRIBE));
            return this;
        }

        Grants topic(String name, AclOperation... operations) {
            return add(ResourceType.TOPIC, name, PatternType.LITERAL, operations);
        }

        /** A Kafka Streams application's group, internal topics and transactional ids. */
        Grants streamsApplication(String applicationId) {
            add(ResourceType.GROUP, applicationId, PatternType.LITERAL, READ, DESCRIBE);
            add(ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED,
                    CREATE, READ, WRITE, DELETE, DESCRIBE, DESCRIBE_CONFIGS);
            return add(ResourceType.TRANSACTIONAL_ID, applicationId + "-", PatternType.PREFIXED, WRITE, DESCRIBE);
        }

        Grants add(ResourceType type, String name, PatternType pattern, AclOperation... operations) {
            for (AclOperation operation : operations) {
                bindings.add(new AclBinding(new ResourcePattern(type, name, pattern), new AccessControlEntry(
                        "User:" + principal.user(), "*", operation, AclPermissionType.ALLOW)));
            }
            return this;
        }

        List<AclBinding> bindings() {
            return List.copyOf(bindings);
        }
    }
}
