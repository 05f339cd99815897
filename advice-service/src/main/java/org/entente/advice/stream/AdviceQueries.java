package org.entente.advice.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.entente.events.AdviceGenerated;
import org.entente.events.AssessmentOpened;
import org.entente.events.StageClassified;

/**
 * Answers the web layer's questions from this instance's state stores: the latest advice, stage revision and opening
 * of an assessment, and an organization's assessments.
 *
 * <p>Reads this instance's stores only: a request for an assessment another instance hosts is relayed there before it
 * reaches the web layer (the shared owner relay), and an organization's history or the list of assessments is this
 * instance's part, which the web layer gathers with the other instances' parts.
 * Throws {@link InvalidStateStoreException} while the stores are not queryable.
 */
public final class AdviceQueries {

    private final Supplier<KafkaStreams> streams;

    public AdviceQueries(Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    public Optional<AdviceGenerated> advice(String assessmentId) {
        return Optional.ofNullable(this.<AdviceGenerated>store(AdviceTopology.ADVICE_STORE).get(assessmentId));
    }

    public Optional<StageClassified> stage(String assessmentId) {
        return Optional.ofNullable(this.<StageClassified>store(AdviceTopology.STAGES_STORE).get(assessmentId));
    }

    public Optional<AssessmentOpened> assessment(String assessmentId) {
        return Optional.ofNullable(this.<AssessmentOpened>store(AdviceTopology.ASSESSMENTS_STORE).get(assessmentId));
    }

    /** Every assessment opening this instance knows. */
    public List<AssessmentOpened> assessments() {
        List<AssessmentOpened> all = new ArrayList<>();
        try (KeyValueIterator<String, AssessmentOpened> entries = this.<AssessmentOpened>store(
                AdviceTopology.ASSESSMENTS_STORE).all()) {
            entries.forEachRemaining(entry -> all.add(entry.value));
        }
        return all;
    }

    /** The latest stage of each of the organization's assessments this instance knows, in no particular order. */
    public List<StageClassified> history(String organization) {
        List<StageClassified> stages = new ArrayList<>();
        try (KeyValueIterator<String, StageClassified> entries = this.<StageClassified>store(
                AdviceTopology.HISTORY_STORE).prefixScan(HistoryRecorder.prefix(organization),
                Serdes.String().serializer())) {
            while (entries.hasNext()) {
                KeyValue<String, StageClassified> entry = entries.next();
                stages.add(entry.value);
            }
        }
        return stages;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        KafkaStreams kafkaStreams = streams.get();
        if (kafkaStreams == null) {
            throw new InvalidStateStoreException("Kafka Streams has not started yet");
        }
        return kafkaStreams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }
}
