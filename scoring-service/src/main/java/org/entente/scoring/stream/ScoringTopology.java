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
import org.entente.schemas.OriginPrefix;
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
 * offset of each message are still known, and writes them in front of the bytes it passes on ({@link OriginPrefix}).
 * The repartition brings an assessment's opening, closing and responses into one task, whichever client published
 * them and however it partitions (responses may come from any application in any language): the topology never
 * relies on the input topics' partitioning or partition counts. {@link ScoringProcessor} then decodes, scores and
 * decides; what ordering it guarantees across producers is said there. One sink writes each outbound message to the
 * topic it names.
 *
 * <p>The ledgers live in the {@link #STORE} key-value store (changelogged), which the web layer queries; the
 * respondents in the {@link #RESPONDENTS} store and the responses waiting for their opening in the {@link #PARKED}
 * store (both changelogged), which only the processor reads. All three keep Avro records of the {@code schemas}
 * module's internal namespace ({@link StoredState}, {@link ParkedResponses}). Exactly-once holds across both
 * sub-topologies (the repartition topic is written and read inside the same transactions).
 *
 * <p><b>Caching.</b> The ledgers store is cached by Kafka Streams (the thread's record cache,
 * {@code statestore.cache.max.bytes}): a put lands in the cache, and reaches RocksDB and the changelog when the task
 * commits (inside that commit's transaction, before its offsets) or when the cache evicts it. So a ledger written by
 * a response and again by the revision that publishes it goes to the changelog once per commit interval, and a read
 * of a recently written key touches neither RocksDB nor the changelog. The processor also keeps its last written
 * ledgers decoded ({@link StoredLedgers}). The respondents store is not cached: an entry is written once per
 * response of its respondent, so there is nothing to coalesce, and the cache's sorted map of long keys cost more
 * than it saved (a profile put a fifth of the stream thread in its key comparisons with both stores cached). The
 * parking store is not cached either (it is off the hot path).
 *
 * <p><b>Why caching once lost valid responses, and why it cannot now.</b> On 2026-11-23 (one sub-topology reading
 * both topics, no repartition, no parking lot) caching the ledgers made some valid responses
 * {@code UNKNOWN_ASSESSMENT} dead letters on a real broker, never under {@code TopologyTestDriver}. What was checked
 * (issue 17, {@code bench/results/experiments/2026-12-06-vm-scoring.md}):
 * <ul>
 *   <li>The cache itself keeps what a reader needs here. Only {@code score} reads and writes the stores, in the
 *   task that owns the key, and reads through the cache (a get after a put sees the put); no other sub-topology or
 *   task looks them up, none is a KTable (nothing is forwarded downstream at a flush, so no join or lookup can miss
 *   an update waiting in a cache); under exactly-once the cache is flushed before the offsets are committed and
 *   dropped with the store's uncommitted state when a transaction aborts. The web layer only reads them.</li>
 *   <li>What loses a response as {@code UNKNOWN_ASSESSMENT} is the response being taken before its opening. That
 *   order is not the cache's doing: records of different partitions are taken in the order the task happens to have
 *   them, and since the repartition responses overtake their openings whenever the two producers partition
 *   differently (they pass through another intake task). {@code OpeningRaceKafkaTest} shows it: with an empty
 *   parking lot (a response ahead of its opening is a dead letter at once, as every one was in 2026-11) racing
 *   responses are lost (89 of 450 uncached, 155 of 450 cached, in two runs); with the parking lot none is, cached or
 *   not.</li>
 *   <li>Not reproduced: the 2026-11 loss with one partitioner for both topics. With it, 150 to 1,000 assessments
 *   answered right after their opening gave no dead letter, cached or not, parking lot or not. A faster thread (as
 *   caching made it) can only change when records are taken, which the parking lot now absorbs for the grace
 *   period.</li>
 * </ul>
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
        EventLayouts.requireCurrentSchemas();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                StoredState.ledgers()).withCachingEnabled());
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
