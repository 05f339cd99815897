package org.entente.scoring.stream;

import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.entente.schemas.Topics;
import org.entente.scoring.domain.AssessmentLedger;

/**
 * The scoring topology, kept free of Spring so that the service and {@code TopologyTestDriver} tests build exactly
 * the same thing.
 *
 * <p>One source reads the assessments and the responses topics as raw bytes (both keyed by assessmentId and created
 * with the same partition count, so an assessment and its responses meet in one task, processed in timestamp
 * order); {@link ScoringProcessor} decodes, scores and decides; one sink writes each outbound message to the topic
 * it names: {@code StageClassified} revisions to the stages topic, rejects to the source topic's dead-letter topic.
 * The ledgers live in the {@link #STORE} key-value store (changelogged), which the web layer queries.
 */
public final class ScoringTopology {

    /** The state store holding one {@link AssessmentLedger} per assessmentId. */
    public static final String STORE = "scoring-ledgers";

    private final Clock clock;

    public ScoringTopology(Clock clock) {
        this.clock = clock;
    }

    /** Adds the scoring store, processor, source and sink to {@code builder}. */
    public void addTo(StreamsBuilder builder) {
        StoreBuilder<KeyValueStore<String, AssessmentLedger>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), new LedgerSerde());
        builder.addStateStore(store);
        Serde<Outbound> outbound = Serdes.serdeFrom((topic, message) -> message.bytes(), (topic, bytes) -> {
            throw new UnsupportedOperationException("outbound messages are only written");
        });
        builder.stream(List.of(Topics.ASSESSMENTS.name(), Topics.RESPONSES.name()),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("assessments-and-responses"))
                .process(() -> new ScoringProcessor(STORE, clock), Named.as("score"), STORE)
                .to((key, message, context) -> message.topic(),
                        Produced.with(Serdes.String(), outbound).withName("stages-and-dead-letters"));
    }
}
