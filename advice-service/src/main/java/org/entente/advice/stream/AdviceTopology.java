package org.entente.advice.stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
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
 * advice-service's Kafka Streams topology, usable with or without Spring: stage revisions and assessment openings go
 * through one advising step that keeps, per assessment, the opening (organization, context answers), the latest stage
 * revision and the latest advice, and per organization the history of its assessments; new advice goes to the advice
 * topic and unreadable inputs to their dead-letter topics. The funnel's metrics are mirrored into a global store so
 * the advice can cite them whatever the partitioning.
 */
public final class AdviceTopology {

    public static final String ASSESSMENTS_STORE = "advice-assessments";
    public static final String STAGES_STORE = "advice-stages";
    public static final String ADVICE_STORE = "advice-latest";
    public static final String HISTORY_STORE = "advice-organization-history";
    public static final String SIGNALS_STORE = "advice-funnel-metrics";

    private static final String[] STORES = {ASSESSMENTS_STORE, STAGES_STORE, ADVICE_STORE, HISTORY_STORE};

    public void addTo(StreamsBuilder builder) {
        builder.addStateStore(store(ASSESSMENTS_STORE, EventSerde.of(AssessmentOpened.class)));
        builder.addStateStore(store(STAGES_STORE, EventSerde.of(StageClassified.class)));
        builder.addStateStore(store(ADVICE_STORE, EventSerde.of(AdviceGenerated.class)));
        builder.addStateStore(store(HISTORY_STORE, EventSerde.of(StageClassified.class)));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SIGNALS_STORE), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled(),
                Topics.FUNNEL_METRICS.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("funnel-metrics-in"),
                SignalsMirror::new);
        advise(builder, Topics.STAGES, "stages");
        advise(builder, Topics.ASSESSMENTS, "assessments");
    }

    private static void advise(StreamsBuilder builder, Topic<? extends SpecificRecord> source, String name) {
        KStream<String, Emission> out = builder
                .stream(source.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-in"))
                .process(() -> new AdvisingProcessor(source), Named.as("advise-on-" + name), STORES);
        out.split(Named.as(name + "-"))
                .branch((key, value) -> value instanceof Emission.Advised, Branched.withConsumer(advised -> advised
                        .mapValues(value -> ((Emission.Advised) value).advice(), Named.as(name + "-advice-value"))
                        .to(Topics.ADVICE.name(), Produced.with(Topics.ADVICE.keySerde(), Topics.ADVICE.valueSerde())
                                .withName(name + "-advice-out")), "advised"))
                .defaultBranch(Branched.withConsumer(rejected -> rejected
                        .mapValues(value -> ((Emission.Rejected) value).original(), Named.as(name + "-original-bytes"))
                        .to(source.dlq(), Produced.with(Serdes.String(), Serdes.ByteArray())
                                .withName(name + "-dlq-out")), "rejected"));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values);
    }

    /** Mirrors the funnel metrics topic, one entry per organization; keeps only messages that decode. */
    private static final class SignalsMirror implements Processor<String, byte[], Void, Void> {

        private KeyValueStore<String, byte[]> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(SIGNALS_STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
                return;
            }
            try {
                Topics.FUNNEL_METRICS.valueSerde().deserializer().deserialize(Topics.FUNNEL_METRICS.name(),
                        record.value());
                store.put(record.key(), record.value());
            } catch (SerializationException e) {
                // funnel-service owns this topic and its dead letters; an unreadable message just is not a signal.
            }
        }
    }
}
