package org.entente.advice.config;

import org.entente.advice.stream.AdviceQueries;
import org.entente.advice.web.OwnerRelayFilter;
import org.entente.advice.web.ReportAssembler;
import org.entente.security.RelayCredentials;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Spring wiring for the web layer. */
@Configuration
public class WebConfiguration {

    @Bean
    ReportAssembler reportAssembler(JsonMapper json) {
        return new ReportAssembler(json);
    }

    /**
     * Relays requests for assessments another instance hosts, right after Spring Security's filter chain: only a
     * caller this instance has allowed is relayed for (with the peer token), never one it would refuse.
     */
    @Bean
    FilterRegistrationBean<OwnerRelayFilter> ownerRelayFilter(AdviceQueries queries, RelayCredentials credentials) {
        FilterRegistrationBean<OwnerRelayFilter> registration = new FilterRegistrationBean<>(
                new OwnerRelayFilter(queries, credentials));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
