package org.entente.advice.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.entente.events.AdviceGenerated;
import org.entente.events.AssessmentOpened;
import org.entente.events.StageClassified;
import org.entente.schemas.EventSerde;
import org.entente.schemas.Topic;
import org.entente.schemas.Topics;

/**
 * advice-service's Kafka Streams topology, usable with or without Spring:
 * <pre>
 * stage revisions ──▶ stages intake ──────┐  (each intake: what does not decode or makes no sense ─▶ its DLQ)
 * assessment openings ──▶ assessments intake ─┴─▶ advice-intake repartition (by assessmentId) ──▶ advise ──▶ advice
 * </pre>
 * The intakes ({@link AdviceIntake}) judge each message where its topic, partition and offset are known; the
 * repartition brings an assessment's opening and its revisions into one task whoever published them and however
 * their client partitions (the topology never relies on the input topics' partitioning or partition counts); one
 * advising step ({@link AdvisingProcessor}, whose comment says what ordering is guaranteed) keeps, per assessment,
 * the opening (organization, context answers), the latest stage revision, whether it waits for the opening, and the
 * latest advice, and per organization the history of its assessments. The funnel's metrics are a global table so
 * the advice can cite them whatever the partitioning. Exactly-once holds through the repartition topic.
 */
public final class AdviceTopology {

    public static final String ASSESSMENTS_STORE = "advice-assessments";
    public static final String STAGES_STORE = "advice-stages";
    public static final String ADVICE_STORE = "advice-latest";
    public static final String HISTORY_STORE = "advice-organization-history";
    public static final String SIGNALS_STORE = "advice-funnel-metrics";
    /** Assessments whose latest revision waits for the opening, with the wall-clock time it began to wait. */
    public static final String WAITING_STORE = "advice-waiting-for-opening";

    /** How long a revision waits for its assessment's opening when nothing else is configured. */
    public static final Duration DEFAULT_OPENING_GRACE = Duration.ofSeconds(30);

    private static final String[] STORES = {ASSESSMENTS_STORE, STAGES_STORE, ADVICE_STORE, HISTORY_STORE,
        WAITING_STORE};

    private final Duration openingGrace;

    public AdviceTopology() {
        this(DEFAULT_OPENING_GRACE);
    }

    public AdviceTopology(Duration openingGrace) {
        this.openingGrace = openingGrace;
    }

    /**
     * The whole topology on {@code builder} (Spring Kafka's in the service, a bare one under
     * {@code TopologyTestDriver}): the stores, the three inputs, the advising step, and the advice topic.
     */
    public void addTo(StreamsBuilder builder) {
        stores().forEach(builder::addStateStore);
        KStream<String, byte[]> stages = builder.stream(Topics.STAGES.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("stages-in"));
        KStream<String, byte[]> assessments = builder.stream(Topics.ASSESSMENTS.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("assessments-in"));
        GlobalKTable<String, byte[]> funnelMetrics = builder.globalTable(Topics.FUNNEL_METRICS.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("funnel-metrics-in"),
                Materialized.as(SIGNALS_STORE));
        advise(stages, assessments, funnelMetrics)
                .to(Topics.ADVICE.name(), Produced.with(Topics.ADVICE.keySerde(), Topics.ADVICE.valueSerde())
                        .withName("advice-out"));
    }

    /**
     * The advising step on the stages and assessments topics as raw bytes, and the funnel metrics as a global table
     * materialized as {@link #SIGNALS_STORE}. Writes dead letters itself and returns the advice, keyed by
     * assessmentId, for {@link #addTo} to send to the advice topic.
     */
    private KStream<String, AdviceGenerated> advise(KStream<String, byte[]> stages, KStream<String, byte[]> assessments,
            GlobalKTable<String, byte[]> funnelMetrics) {
        KStream<String, byte[]> accepted = accepted(stages, Topics.STAGES, "stages")
                .merge(accepted(assessments, Topics.ASSESSMENTS, "assessments"), Named.as("accepted-inputs"));
        Map<String, KStream<String, Emission>> branches = accepted
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName(AdviceIntake.REPARTITION))
                .process(() -> new AdvisingProcessor(openingGrace), Named.as("advise"), STORES)
                .split(Named.as("advising-"))
                .branch((key, value) -> value instanceof Emission.Rejected, Branched.withConsumer(
                        AdviceTopology::toDeadLetters, "rejected"))
                .defaultBranch(Branched.as("advised"));
        return branches.get("advising-advised")
                .mapValues(value -> ((Emission.Advised) value).advice(), Named.as("advice-value"));
    }

    /** One input through its intake: rejects to its dead-letter topic, the rest (original bytes) returned. */
    private static KStream<String, byte[]> accepted(KStream<String, byte[]> input,
            Topic<? extends SpecificRecord> source, String name) {
        Map<String, KStream<String, Emission>> branches = input
                .process(() -> new AdviceIntake(source), Named.as(name + "-intake"))
                .split(Named.as(name + "-"))
                .branch((key, value) -> value instanceof Emission.Rejected, Branched.withConsumer(
                        AdviceTopology::toDeadLetters, "rejected"))
                .defaultBranch(Branched.as("accepted"));
        return branches.get(name + "-accepted")
                .mapValues(value -> ((Emission.Accepted) value).original(), Named.as(name + "-original-bytes"));
    }

    private static void toDeadLetters(KStream<String, Emission> rejected) {
        Serde<Emission> original = Serdes.serdeFrom((topic, value) -> ((Emission.Rejected) value).original(),
                (topic, bytes) -> {
                    throw new UnsupportedOperationException("dead letters are only written");
                });
        rejected.to((key, value, context) -> ((Emission.Rejected) value).deadLetterTopic(),
                Produced.with(Serdes.String(), original));
    }

    /** The per-assessment and per-organization stores the advising step keeps, changelogged to Kafka. */
    private static List<StoreBuilder<KeyValueStore<String, ?>>> stores() {
        return List.of(store(ASSESSMENTS_STORE, EventSerde.of(AssessmentOpened.class)),
                store(STAGES_STORE, EventSerde.of(StageClassified.class)),
                store(ADVICE_STORE, EventSerde.of(AdviceGenerated.class)),
                store(HISTORY_STORE, EventSerde.of(StageClassified.class)),
                store(WAITING_STORE, Serdes.Long()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <V> StoreBuilder<KeyValueStore<String, ?>> store(String name, Serde<V> values) {
        return (StoreBuilder) Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
                values);
    }
}
