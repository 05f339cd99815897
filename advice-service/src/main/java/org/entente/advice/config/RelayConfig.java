package org.entente.advice.config;

import org.entente.advice.stream.AdviceTopology;
import org.entente.support.relay.RelayRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which requests the instance hosting the assessment answers: its report page and its advice as JSON. The shared
 * owner relay (service-support) passes such a request on when another instance hosts the assessment; a relayed page
 * names the person signed in where the request came in. The lists spread over every instance (all assessments, an
 * organization's history) are gathered instead, by {@code AcrossInstances}.
 */
@Configuration(proxyBeanMethods = false)
public class RelayConfig {

    @Bean
    RelayRoutes adviceRelayRoutes() {
        RelayRoutes.KeyOf assessment = RelayRoutes.KeyOf.pathVariable("id");
        return RelayRoutes.builder()
                .get("/assessments/{id}", AdviceTopology.ADVICE_STORE, assessment)
                .get("/api/assessments/{id}/advice", AdviceTopology.ADVICE_STORE, assessment)
                .build();
    }
}
