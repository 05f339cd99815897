package org.entente.scoring.config;

import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.entente.scoring.stream.IntakeSettings;
import org.entente.scoring.stream.ScoringTopology;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/**
 * Wires the scoring topology into Spring Kafka's Kafka Streams ({@code @EnableKafkaStreams}), with Boot's
 * {@code spring.kafka.streams.*} settings: the shared ones (exactly-once, state folder, replication factor, the
 * advertised {@code application.server}, leaving the group on close, RocksDB's bounded memory) come from
 * service-support, scoring's own (a short commit interval) from application.yml. The
 * topology adds its own stores and sinks to the builder.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
public class ScoringStreamsConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The topology on Spring Kafka's builder, with how long a response may wait for its assessment's opening
     * ({@code entente.scoring.unknown-assessment-grace}) and how many may wait per task
     * ({@code entente.scoring.parking-capacity}).
     */
    @Bean
    ScoringTopology scoringTopology(StreamsBuilder builder, Clock clock,
            @Value("${entente.scoring.unknown-assessment-grace:30s}") Duration grace,
            @Value("${entente.scoring.parking-capacity:10000}") int parkingCapacity) {
        ScoringTopology topology = new ScoringTopology(clock, new IntakeSettings(grace, parkingCapacity));
        topology.addTo(builder);
        return topology;
    }
}
