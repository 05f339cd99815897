package org.entente.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.entente.events.AdviceGenerated;
import org.entente.events.AssessmentClosed;
import org.entente.events.AssessmentOpened;
import org.entente.events.DirectoryContact;
import org.entente.events.EngagementRequested;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelMetrics;
import org.entente.events.HandoffSlaBreached;
import org.entente.events.RevenueTarget;
import org.entente.events.StageClassified;
import org.entente.events.SurveyResponseSubmitted;

/**
 * The topics of Entente's public contract, each named here and nowhere else. Keys are UTF-8 strings; values are
 * Avro single-object encoded ({@link EventSerde}).
 */
public final class Topics {

    private static final Serde<String> KEYS = Serdes.String();

    /** Keyed by assessmentId. Kept forever and not compacted: a closing must not erase the opening. */
    public static final Topic<SpecificRecord> ASSESSMENTS = new Topic<>("entente.survey.assessments.v1", KEYS,
            EventSerde.anyOf(AssessmentOpened.class, AssessmentClosed.class),
            Map.of("retention.ms", "-1", "cleanup.policy", "delete"));

    /** Keyed by assessmentId. Other applications may publish here directly. */
    public static final Topic<SurveyResponseSubmitted> RESPONSES = new Topic<>("entente.survey.responses.v1", KEYS,
            EventSerde.of(SurveyResponseSubmitted.class), Map.of());

    /** Keyed by assessmentId: a new revision as the score changes. */
    public static final Topic<StageClassified> STAGES = new Topic<>("entente.scoring.stages.v1", KEYS,
            EventSerde.of(StageClassified.class), Map.of());

    /** Keyed by assessmentId. */
    public static final Topic<AdviceGenerated> ADVICE = new Topic<>("entente.advice.v1", KEYS,
            EventSerde.of(AdviceGenerated.class), Map.of());

    /** Keyed by leadId. Other applications may publish here directly. */
    public static final Topic<FunnelEvent> FUNNEL_EVENTS = new Topic<>("entente.funnel.events.v1", KEYS,
            EventSerde.of(FunnelEvent.class), Map.of());

    /** Keyed by organization. */
    public static final Topic<FunnelMetrics> FUNNEL_METRICS = new Topic<>("entente.funnel.metrics.v1", KEYS,
            EventSerde.of(FunnelMetrics.class), Map.of());

    /** Keyed by leadId. */
    public static final Topic<SpecificRecord> FUNNEL_ALERTS = new Topic<>("entente.funnel.alerts.v1", KEYS,
            EventSerde.anyOf(HandoffSlaBreached.class, EngagementRequested.class), Map.of());

    /**
     * Keyed by {@code <organization>/<period>}: the shared revenue target (and sales expense) an admin set for an
     * organization and a period. Compacted: the latest per key is what counts; a tombstone removes it.
     */
    public static final Topic<RevenueTarget> FUNNEL_TARGETS = new Topic<>("entente.funnel.targets.v1", KEYS,
            EventSerde.of(RevenueTarget.class), Map.of("cleanup.policy", "compact"));

    /**
     * Keyed by {@code <organization>/<role>} (the organization {@code *} for every organization): the who-to-call
     * entries an admin edited. Compacted; a tombstone brings back the configured entry.
     */
    public static final Topic<DirectoryContact> FUNNEL_DIRECTORY = new Topic<>("entente.funnel.directory.v1", KEYS,
            EventSerde.of(DirectoryContact.class), Map.of("cleanup.policy", "compact"));

    /** Every public topic, in the order of the design's table. */
    public static final List<Topic<?>> ALL = List.of(
            ASSESSMENTS, RESPONSES, STAGES, ADVICE, FUNNEL_EVENTS, FUNNEL_METRICS, FUNNEL_ALERTS, FUNNEL_TARGETS,
            FUNNEL_DIRECTORY);

    private Topics() {
    }

    /** How to create each of these topics and its dead-letter topic, in that order. */
    public static List<NewTopic> withDeadLetters(int partitions, short replicationFactor, List<Topic<?>> topics) {
        List<NewTopic> created = new ArrayList<>();
        for (Topic<?> topic : topics) {
            created.add(topic.newTopic(partitions, replicationFactor));
            created.add(topic.newDlqTopic(partitions, replicationFactor));
        }
        return List.copyOf(created);
    }
}
