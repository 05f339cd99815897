package org.entente.advice.config;

import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.entente.advice.stream.AdviceQueries;
import org.entente.advice.stream.AdviceTopology;
import org.entente.schemas.Topics;
import org.entente.support.streams.ServiceStreams;
import org.entente.support.topics.ServiceTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/**
 * Spring wiring for the Kafka side: the topics this service reads and writes (created if absent), the advice
 * topology on Spring Kafka's {@code StreamsBuilder} ({@code @EnableKafkaStreams}, settings under
 * {@code spring.kafka.streams}; the shared ones are service-support's), and the store queries for the web layer. The
 * health indicator, topic creation and the advertised address are service-support's.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
public class StreamsConfiguration {

    /** Every topic advice reads or writes, and their dead-letter topics (created by service-support). */
    @Bean
    ServiceTopics adviceTopics() {
        return ServiceTopics.of(Topics.ASSESSMENTS, Topics.STAGES, Topics.ADVICE, Topics.FUNNEL_METRICS)
                .deadLettersOf(Topics.STAGES, Topics.ASSESSMENTS);
    }

    /**
     * The topology (stages, assessments and the funnel metrics in, advice out, its stores) on Spring Kafka's builder;
     * a revision waits {@code entente.advice.opening-grace} for its assessment's opening.
     */
    @Bean
    AdviceTopology adviceTopology(StreamsBuilder builder,
            @Value("${entente.advice.opening-grace:30s}") Duration openingGrace) {
        AdviceTopology topology = new AdviceTopology(openingGrace);
        topology.addTo(builder);
        return topology;
    }

    @Bean
    AdviceQueries adviceQueries(ServiceStreams streams) {
        return new AdviceQueries(streams::running);
    }
}
