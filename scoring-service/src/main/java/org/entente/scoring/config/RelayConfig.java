package org.entente.scoring.config;

import org.entente.scoring.stream.ScoringTopology;
import org.entente.support.relay.RelayRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which queries the instance owning the assessment answers: the score, from the scoring store. The shared owner relay
 * (service-support) passes such a query on when another instance owns the assessment.
 */
@Configuration(proxyBeanMethods = false)
public class RelayConfig {

    @Bean
    RelayRoutes scoringRelayRoutes() {
        return RelayRoutes.builder()
                .get(AccessConfig.SCORE_PATH, ScoringTopology.STORE, RelayRoutes.KeyOf.pathVariable("id"))
                .build();
    }
}
