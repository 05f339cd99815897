package org.entente.scoring.stream;

import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
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
 * <p>One source reads the assessments and the responses topics as raw bytes (both keyed by assessmentId and created
 * with the same partition count, so an assessment and its responses meet in one task, processed in timestamp
 * order); {@link ScoringProcessor} decodes, scores and decides; one sink writes each outbound message to the topic
 * it names: {@code StageClassified} revisions to the stages topic, rejects to the source topic's dead-letter topic.
 * The ledgers live in the {@link #STORE} key-value store (changelogged), which the web layer queries; the
 * respondents in the {@link #RESPONDENTS} store (changelogged), which only the processor reads.
 */
public final class ScoringTopology {

    /** The state store holding one {@link AssessmentLedger} per assessmentId. */
    public static final String STORE = "scoring-ledgers";

    /** The state store holding one {@link RespondentEntry} per respondent of each assessment. */
    public static final String RESPONDENTS = "scoring-respondents";

    private final Clock clock;

    public ScoringTopology(Clock clock) {
        this.clock = clock;
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

    /** Adds the stores, one source over both input topics and the scoring to {@code builder} (outside Spring). */
    public void addTo(StreamsBuilder builder) {
        builder.addStateStore(ledgerStore());
        builder.addStateStore(respondentStore());
        apply(builder.stream(List.of(Topics.ASSESSMENTS.name(), Topics.RESPONSES.name()),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("assessments-and-responses")));
    }

    /**
     * Scores the raw messages of the assessments and responses topics (keys as strings, values as bytes) and writes
     * what comes out; the {@link #STORE} and {@link #RESPONDENTS} stores must already be in the topology.
     */
    public void apply(KStream<String, byte[]> assessmentsAndResponses) {
        Serde<Outbound> outbound = Serdes.serdeFrom((topic, message) -> message.bytes(), (topic, bytes) -> {
            throw new UnsupportedOperationException("outbound messages are only written");
        });
        assessmentsAndResponses
                .process(() -> new ScoringProcessor(STORE, RESPONDENTS, clock), Named.as("score"), STORE, RESPONDENTS)
                .to((key, message, context) -> message.topic(),
                        Produced.with(Serdes.String(), outbound).withName("stages-and-dead-letters"));
    }
}
