package org.entente.scoring.config;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.RespondentEntry;
import org.entente.scoring.stream.IntakeSettings;
import org.entente.scoring.stream.ScoringTopology;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Wires the scoring topology into Spring Cloud Stream's Kafka Streams binder as the {@code score} function: the
 * binder binds {@code score-in-0} to the assessments and responses topics (see {@link ScoringBindings}), runs the
 * Kafka Streams application with the settings under {@code spring.cloud.stream.kafka.streams} in application.yml
 * (exactly_once_v2 among them, and the bounded RocksDB memory of {@link BoundedRocksDbConfig}), and adds
 * the ledger, respondent and parked-response store beans to it.
 *
 * <p>Each instance advertises {@code entente.scoring.advertised-host} and the port its web server actually got as
 * its {@code application.server}, so other instances can forward a score query to the one that owns the
 * assessment. The web server starts (and announces its port) before the binder starts Kafka Streams.
 */
@Configuration(proxyBeanMethods = false)
public class ScoringStreamsConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The topology, with how long a response may wait for its assessment's opening
     * ({@code entente.scoring.unknown-assessment-grace}) and how many may wait per task
     * ({@code entente.scoring.parking-capacity}).
     */
    @Bean
    ScoringTopology scoringTopology(Clock clock,
            @Value("${entente.scoring.unknown-assessment-grace:30s}") Duration grace,
            @Value("${entente.scoring.parking-capacity:10000}") int parkingCapacity) {
        return new ScoringTopology(clock, new IntakeSettings(grace, parkingCapacity));
    }

    @Bean
    StoreBuilder<KeyValueStore<String, AssessmentLedger>> ledgerStore() {
        return ScoringTopology.ledgerStore();
    }

    @Bean
    StoreBuilder<KeyValueStore<String, RespondentEntry>> respondentStore() {
        return ScoringTopology.respondentStore();
    }

    @Bean
    StoreBuilder<KeyValueStore<String, byte[]>> parkedStore() {
        return ScoringTopology.parkedStore();
    }

    /** The function the binder runs: assessments and responses in, revisions and dead letters out. */
    @Bean
    Consumer<KStream<String, byte[]>> score(ScoringTopology topology) {
        return topology::apply;
    }

    @Bean
    ScoringStreams scoringStreams(ApplicationContext context) {
        return new ScoringStreams(context);
    }

    /** On shutdown, leave the consumer group at once so the remaining or restarted instances take over quickly. */
    @Bean
    StreamsBuilderFactoryBeanConfigurer leaveGroupOnClose() {
        return factory -> factory.setLeaveGroupOnClose(true);
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> advertiseQueryEndpoint(ScoringStreams streams,
            @Value("${entente.scoring.advertised-host:localhost}") String host) {
        return event -> {
            if (!"management".equals(event.getApplicationContext().getServerNamespace())) {
                streams.advertise(host + ":" + event.getWebServer().getPort());
            }
        };
    }
}
