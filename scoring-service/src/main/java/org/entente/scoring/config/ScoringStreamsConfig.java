package org.entente.scoring.config;

import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.entente.scoring.stream.ScoringTopology;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;

/**
 * Wires the scoring topology into Spring Kafka's Kafka Streams support (settings come from
 * {@code spring.kafka.streams.*} in application.yml, including exactly_once_v2).
 *
 * <p>Each instance advertises {@code entente.scoring.advertised-host} and the port its web server actually got as
 * its Kafka Streams {@code application.server}, so other instances can forward a score query to the one that owns
 * the assessment.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
public class ScoringStreamsConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ScoringTopology scoringTopology(StreamsBuilder builder, Clock clock) {
        ScoringTopology topology = new ScoringTopology(clock);
        topology.addTo(builder);
        return topology;
    }

    /** On shutdown, leave the consumer group at once so the remaining or restarted instances take over quickly. */
    @Bean
    StreamsBuilderFactoryBeanConfigurer leaveGroupOnClose() {
        return factory -> factory.setLeaveGroupOnClose(true);
    }

    @Bean
    KafkaStreamsInteractiveQueryService kafkaStreamsInteractiveQueryService(StreamsBuilderFactoryBean factory) {
        return new KafkaStreamsInteractiveQueryService(factory);
    }

    /**
     * Kafka Streams does not start on its own (spring.kafka.streams.auto-startup is false): it starts here, once
     * the web server knows its port, so that the port can be advertised as {@code application.server}.
     */
    @Bean
    ApplicationListener<WebServerInitializedEvent> startScoringOnceThePortIsKnown(StreamsBuilderFactoryBean factory,
            @Value("${entente.scoring.advertised-host:localhost}") String host) {
        return event -> {
            if (factory.isRunning() || "management".equals(event.getApplicationContext().getServerNamespace())) {
                return;
            }
            Properties config = factory.getStreamsConfiguration();
            config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, host + ":" + event.getWebServer().getPort());
            factory.setStreamsConfiguration(config);
            factory.start();
        };
    }
}
