package org.entente.support.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** The Kafka Streams plumbing of the services that run Kafka Streams; nothing for those that do not. */
@AutoConfiguration
@ConditionalOnClass(KafkaStreams.class)
public class StreamsSupportConfiguration {

    /** Named so that the health contributor is {@code kafkaStreams}, as the readiness groups name it. */
    @Bean
    @ConditionalOnMissingBean(name = "kafkaStreamsHealthIndicator")
    KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(ObjectProvider<StreamsBuilderFactoryBean> factories) {
        return new KafkaStreamsHealthIndicator(factories);
    }
}
