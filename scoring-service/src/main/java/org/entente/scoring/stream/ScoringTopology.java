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
import org.apache.kafka.streams.state.Stores;
import org.entente.schemas.Topics;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.RespondentEntry;

/**
 * The scoring topology, kept free of Spring so that the service (on Spring Kafka's {@code StreamsBuilder}) and
 * {@code TopologyTestDriver} tests build exactly the same thing through {@link #addTo}.
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
 * store (both changelogged), which only the processor reads. All three keep Avro records of the {@code schemas}
 * module's internal namespace ({@link StoredState}, {@link ParkedResponses}). Exactly-once holds across both
 * sub-topologies (the repartition topic is written and read inside the same transactions).
 *
 * <p>The stores are not cached. Caching the ledgers was tried once (2026-11-23, before the repartition and the
 * parking lot existed) and some valid responses then became {@code UNKNOWN_ASSESSMENT} dead letters on a real broker,
 * never under {@code TopologyTestDriver}. That points away from the cache, whose reads go through it (a get after a
 * put sees the put) and which is flushed with each commit under exactly-once, and to the likeliest cause (reasoned,
 * not reproduced): the order in which a task takes the records of its two input partitions. Kafka Streams takes the earliest record among those it has
 * fetched, and without {@code max.task.idle.ms} it does not wait for a partition it has fetched nothing from yet, so
 * a response could be taken before an opening published earlier whose fetch had not come back (the test driver
 * takes records strictly in the order they are piped in). A faster stream thread, as caching made it, ran ahead more
 * often. Back then a response without its opening was a dead letter at once; now it waits in the parking lot for the
 * grace period ({@link ScoringProcessor}), so the same order no longer loses it. Caching is left off until it is
 * measured to pay (most assessments see one response per commit interval in the benchmark, so it would save little
 * there).
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

    /**
     * Adds the stores, one source over both input topics, the intake, the repartition, the scoring and the sinks to
     * {@code builder}: Spring Kafka's in the service, a bare one under {@code TopologyTestDriver}.
     */
    public void addTo(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                StoredState.ledgers()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESPONDENTS),
                Serdes.String(), StoredState.respondents()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PARKED), Serdes.String(),
                ParkedResponses.serde()));
        KStream<String, byte[]> assessmentsAndResponses = builder.stream(
                List.of(Topics.ASSESSMENTS.name(), Topics.RESPONSES.name()),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("assessments-and-responses"));
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
