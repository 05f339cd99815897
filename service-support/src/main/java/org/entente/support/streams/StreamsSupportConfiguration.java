package org.entente.support.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * The Kafka Streams plumbing of the services that run Kafka Streams (each with {@code @EnableKafkaStreams} and a
 * topology added to Spring Kafka's {@code StreamsBuilder}), written once: the {@link ServiceStreams} handle, the
 * {@code kafkaStreams} health indicator, leaving the consumer group on close, and advertising this instance's
 * {@code application.server} for the owner relay. The settings every service shares (exactly-once, the state folder,
 * the replication factor) are {@link StreamsDefaults}. Nothing of it acts in a service that runs no Kafka Streams.
 */
@AutoConfiguration
@ConditionalOnClass({KafkaStreams.class, StreamsBuilderFactoryBean.class})
public class StreamsSupportConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceStreams serviceStreams(ObjectProvider<StreamsBuilderFactoryBean> factories) {
        return new ServiceStreams(factories);
    }

    /** Named so that the health contributor is {@code kafkaStreams}, as the readiness groups name it. */
    @Bean
    @ConditionalOnMissingBean(name = "kafkaStreamsHealthIndicator")
    KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(ObjectProvider<StreamsBuilderFactoryBean> factories) {
        return new KafkaStreamsHealthIndicator(factories);
    }

    /** On shutdown, leave the consumer group at once, so the other or the restarted instances take over quickly. */
    @Bean
    StreamsBuilderFactoryBeanConfigurer ententeLeaveGroupOnClose() {
        return factory -> factory.setLeaveGroupOnClose(true);
    }

    /**
     * Advertises {@code entente.streams.advertised-host} ({@code ENTENTE_ADVERTISED_HOST}) and the port the web
     * server actually got as this instance's {@code application.server}, so the others can relay a query to it, or
     * {@code entente.streams.advertised-address} ({@code ENTENTE_ADVERTISED_ADDRESS}, {@code host:port}) as it is
     * when set, for an instance reached through another port than its own. The web server starts (and announces its
     * port) before Spring Kafka starts Kafka Streams. A server named in the streams properties themselves stays.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    static class Advertising {

        @Bean
        ApplicationListener<WebServerInitializedEvent> ententeAdvertiseApplicationServer(ServiceStreams streams,
                @Value("${entente.streams.advertised-host:127.0.0.1}") String host,
                @Value("${entente.streams.advertised-address:}") String address) {
            return event -> {
                if (!"management".equals(event.getApplicationContext().getServerNamespace())) {
                    boolean fixed = !address.isBlank();
                    streams.advertise(fixed ? address : host + ":" + event.getWebServer().getPort(), fixed);
                }
            };
        }
    }
}
