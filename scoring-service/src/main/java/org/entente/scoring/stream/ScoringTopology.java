package org.entente.scoring.stream;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.entente.schemas.Topics;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.RespondentEntry;

/**
 * The scoring topology, kept free of Spring so that the service (through the Spring Cloud Stream Kafka Streams
 * binder, which hands {@link #apply} the bound input stream) and {@code TopologyTestDriver} tests (through
 * {@link #addTo}) build exactly the same thing.
 *
 * <pre>
 * assessments + responses (as published, any partitioner)
 *   ──▶ check-intake ──┬─▶ dead letters            (undecodable, empty, key is not the assessmentId)
 *                      └─▶ scoring-intake repartition (by assessmentId, scoring's own partitioner)
 *                            ──▶ score ──▶ revisions to the stages topic, dead letters to the source's DLQ
 * </pre>
 * The first sub-topology ({@link ScoringIntake}) judges what it can without state, where the topic, partition and
 * offset of each message are still known, and stamps them on what it passes on. The repartition brings an
 * assessment's opening, closing and responses into one task, whichever client published them and however it
 * partitions (responses may come from any application in any language): the topology never relies on the input
 * topics' partitioning or partition counts. {@link ScoringProcessor} then decodes, scores and decides; what ordering
 * it guarantees across producers is said there. One sink writes each outbound message to the topic it names.
 *
 * <p>The ledgers live in the {@link #STORE} key-value store (changelogged), which the web layer queries; the
 * respondents in the {@link #RESPONDENTS} store and the responses waiting for their opening in the {@link #PARKED}
 * store (both changelogged), which only the processor reads. Exactly-once holds across both sub-topologies (the
 * repartition topic is written and read inside the same transactions).
 */
public final class ScoringTopology {

    /** The state store holding one {@link AssessmentLedger} per assessmentId. */
    public static final String STORE = "scoring-ledgers";

    /** The state store holding one {@link RespondentEntry} per respondent of each assessment. */
    public static final String RESPONDENTS = "scoring-respondents";

    /** The state store of responses waiting for their assessment's opening ({@link ParkedResponses}). */
    public static final String PARKED = "scoring-parked-responses";

    private final Clock clock;
    private final IntakeSettings intake;

    public ScoringTopology(Clock clock) {
        this(clock, IntakeSettings.DEFAULTS);
    }

    public ScoringTopology(Clock clock, IntakeSettings intake) {
        this.clock = clock;
        this.intake = intake;
    }

    /** The store of ledgers; the service registers it as a bean, the test driver adds it to its builder. */
    public static StoreBuilder<KeyValueStore<String, AssessmentLedger>> ledgerStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), new LedgerSerde());
    }

    /** The store of respondents; registered like {@link #ledgerStore()}. */
    public static StoreBuilder<KeyValueStore<String, RespondentEntry>> respondentStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESPONDENTS), Serdes.String(),
                new RespondentSerde());
    }

    /** The store of parked responses (their original bytes, in an Avro record); registered like the others. */
    public static StoreBuilder<KeyValueStore<String, byte[]>> parkedStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PARKED), Serdes.String(),
                Serdes.ByteArray());
    }

    /** Adds the stores, one source over both input topics and the scoring to {@code builder} (outside Spring). */
    public void addTo(StreamsBuilder builder) {
        builder.addStateStore(ledgerStore());
        builder.addStateStore(respondentStore());
        builder.addStateStore(parkedStore());
        apply(builder.stream(List.of(Topics.ASSESSMENTS.name(), Topics.RESPONSES.name()),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("assessments-and-responses")));
    }

    /**
     * Scores the raw messages of the assessments and responses topics (keys as strings, values as bytes) and writes
     * what comes out; the {@link #STORE}, {@link #RESPONDENTS} and {@link #PARKED} stores must already be in the
     * topology.
     */
    public void apply(KStream<String, byte[]> assessmentsAndResponses) {
        Serde<Outbound> outbound = Serdes.serdeFrom((topic, message) -> message.bytes(), (topic, bytes) -> {
            throw new UnsupportedOperationException("outbound messages are only written");
        });
        Map<String, KStream<String, Outbound>> checked = assessmentsAndResponses
                .process(ScoringIntake::new, Named.as("check-intake"))
                .split(Named.as("intake-"))
                .branch((key, message) -> ScoringIntake.REPARTITION.equals(message.topic()), Branched.as("accepted"))
                .defaultBranch(Branched.as("rejected"));
        checked.get("intake-rejected").to((key, message, context) -> message.topic(),
                Produced.with(Serdes.String(), outbound).withName("intake-dead-letters"));
        checked.get("intake-accepted")
                .mapValues(Outbound::bytes, Named.as("intake-bytes"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray())
                        .withName(ScoringIntake.REPARTITION))
                .process(() -> new ScoringProcessor(STORE, RESPONDENTS, PARKED, intake, clock), Named.as("score"),
                        STORE, RESPONDENTS, PARKED)
                .to((key, message, context) -> message.topic(),
                        Produced.with(Serdes.String(), outbound).withName("stages-and-dead-letters"));
    }
}
