package org.entente.funnel.config;

import org.entente.funnel.stream.FunnelTopology;
import org.entente.support.relay.RelayRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which requests the instance holding the organization answers: its metrics, its handoffs in flight, and the board
 * (which shows both). The organization stores are partitioned by organization, so the owner of the organization key
 * in {@link FunnelTopology#ORGANIZATION_METRICS} holds both stores' entries for it. The shared owner relay
 * (service-support) passes such a request on when another instance holds it. The live stream needs no route: every
 * instance reads the whole topics.
 */
@Configuration(proxyBeanMethods = false)
public class RelayConfig {

    @Bean
    RelayRoutes funnelRelayRoutes(FunnelProperties properties) {
        String store = FunnelTopology.ORGANIZATION_METRICS;
        return RelayRoutes.builder()
                .get("/api/funnel/metrics", store, RelayRoutes.KeyOf.parameter("organization"))
                .get("/api/funnel/handoffs", store, RelayRoutes.KeyOf.parameter("organization"))
                .get("/", store, RelayRoutes.KeyOf.parameter("organization", properties.boardOrganization()))
                .build();
    }
}
