package org.entente.advice.config;

import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.entente.advice.stream.AdviceQueries;
import org.entente.advice.stream.AdviceTopology;
import org.entente.events.AdviceGenerated;
import org.entente.schemas.Topics;
import org.entente.support.topics.ServiceTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring wiring for the Kafka side: the topics this service reads and writes (created if absent), the advising
 * step as a Spring Cloud Stream Kafka Streams function ({@code advise}: stages, assessments, funnel metrics in;
 * advice out; bindings in {@link AdviceBindings}), its state stores and store queries for the web layer. The health
 * indicator (UP only while Kafka Streams is running) and topic creation are service-support's.
 */
@Configuration
public class StreamsConfiguration {

    /** Every topic advice reads or writes, and their dead-letter topics (created by service-support). */
    @Bean
    ServiceTopics adviceTopics() {
        return ServiceTopics.of(Topics.ASSESSMENTS, Topics.STAGES, Topics.ADVICE, Topics.FUNNEL_METRICS)
                .deadLettersOf(Topics.STAGES, Topics.ASSESSMENTS);
    }

    /** The topology; a revision waits {@code entente.advice.opening-grace} for its assessment's opening. */
    @Bean
    AdviceTopology adviceTopology(@Value("${entente.advice.opening-grace:30s}") Duration openingGrace) {
        return new AdviceTopology(openingGrace);
    }

    /** Stages, assessments and the funnel metrics table in; advice out. */
    @Bean
    Function<KStream<String, byte[]>, Function<KStream<String, byte[]>,
            Function<GlobalKTable<String, byte[]>, KStream<String, AdviceGenerated>>>> advise(
            AdviceTopology topology) {
        return stages -> assessments -> funnelMetrics -> topology.advise(stages, assessments, funnelMetrics);
    }

    // The binder adds every StoreBuilder bean to the function's topology.
    @Bean
    StoreBuilder<KeyValueStore<String, ?>> adviceAssessmentsStore() {
        return AdviceTopology.stores().get(0);
    }

    @Bean
    StoreBuilder<KeyValueStore<String, ?>> adviceStagesStore() {
        return AdviceTopology.stores().get(1);
    }

    @Bean
    StoreBuilder<KeyValueStore<String, ?>> adviceLatestStore() {
        return AdviceTopology.stores().get(2);
    }

    @Bean
    StoreBuilder<KeyValueStore<String, ?>> adviceHistoryStore() {
        return AdviceTopology.stores().get(3);
    }

    @Bean
    StoreBuilder<KeyValueStore<String, ?>> adviceWaitingStore() {
        return AdviceTopology.stores().get(4);
    }

    @Bean
    AdviceQueries adviceQueries(KafkaStreamsRegistry registry) {
        return new AdviceQueries(() -> running(registry));
    }

    private static KafkaStreams running(KafkaStreamsRegistry registry) {
        return registry.streamsBuilderFactoryBeans().stream()
                .map(factory -> factory.getKafkaStreams())
                .filter(streams -> streams != null)
                .findFirst().orElse(null);
    }
}
