package org.entente.support.relay;

import org.apache.kafka.streams.KafkaStreams;
import org.entente.security.EntenteSecurityConfiguration;
import org.entente.security.RelayCredentials;
import org.entente.support.streams.ServiceStreams;
import org.entente.support.streams.StreamsSupportConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The owner relay for every service that runs Kafka Streams: the {@link OwnerLookup} on the service's one Kafka
 * Streams application ({@link ServiceStreams}: the running Kafka Streams and the {@code application.server} it
 * advertises), the {@link OwnerRelay}, {@link EveryInstance}, and the {@link OwnerRelayFilter} right after Spring
 * Security's filters.
 * A service declares only its {@link RelayRoutes}; without them the filter still refuses a relayed request from
 * anyone but a peer.
 */
@AutoConfiguration(after = {EntenteSecurityConfiguration.class, StreamsSupportConfiguration.class})
@ConditionalOnClass({KafkaStreams.class, StreamsBuilderFactoryBean.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(RelayProperties.class)
public class OwnerRelayConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OwnerLookup ententeOwnerLookup(ServiceStreams streams, RelayProperties settings) {
        return new StreamsOwnerLookup(streams::running, streams::advertised, settings.retryAfter());
    }

    @Bean
    OwnerRelay ententeOwnerRelay(RelayCredentials credentials, RelayProperties settings) {
        return new OwnerRelay(credentials, settings);
    }

    @Bean
    EveryInstance ententeEveryInstance(OwnerLookup owners, OwnerRelay relay) {
        return new EveryInstance(owners, relay);
    }

    @Bean
    FilterRegistrationBean<OwnerRelayFilter> ententeOwnerRelayFilter(ObjectProvider<RelayRoutes> routes,
            OwnerLookup owners, OwnerRelay relay, RelayProperties settings) {
        FilterRegistrationBean<OwnerRelayFilter> registration = new FilterRegistrationBean<>(new OwnerRelayFilter(
                routes.getIfAvailable(RelayRoutes::none), owners, relay, settings));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
