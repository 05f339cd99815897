package org.entente.advice.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
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
 * <p>Reads this instance's stores only; {@link #remoteOwner} tells the web layer when another instance hosts the
 * assessment, so it can relay the request there. An organization's history is the part this instance hosts.
 * Throws {@link InvalidStateStoreException} while the stores are not queryable.
 */
public final class AdviceQueries {

    private final Supplier<KafkaStreams> streams;
    private final HostInfo self;

    /** @param self this instance's {@code application.server}, or {@code null} when it does not advertise one */
    public AdviceQueries(Supplier<KafkaStreams> streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /**
     * The other instance that hosts the assessment's state, or empty when it is this one, when this instance does
     * not advertise an address, or when nobody is known to host it yet.
     */
    public Optional<HostInfo> remoteOwner(String assessmentId) {
        KafkaStreams kafkaStreams = streams.get();
        if (self == null || kafkaStreams == null) {
            return Optional.empty();
        }
        KeyQueryMetadata metadata = kafkaStreams.queryMetadataForKey(AdviceTopology.ADVICE_STORE, assessmentId,
                Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                || self.equals(metadata.activeHost())) {
            return Optional.empty();
        }
        return Optional.of(metadata.activeHost());
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
