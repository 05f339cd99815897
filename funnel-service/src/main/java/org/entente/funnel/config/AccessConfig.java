package org.entente.funnel.config;

import org.entente.security.AccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call what in funnel-service: both viewer roles read the board, its metrics, its handoffs and its live
 * stream, and another funnel instance (the peer token) may ask for the first three on a viewer's behalf when this
 * instance holds the organization; applications holding the intake token submit funnel events; everything else (Actuator details,
 * Prometheus, info) is for admins. The health probes, the sign-in page and the board's own styles and script under
 * {@code /css/} and {@code /js/} are opened by the security module for every service.
 */
@Configuration
public class AccessConfig {

    @Bean
    public AccessPolicy funnelAccessPolicy() {
        return AccessPolicy.builder()
                .relayed(HttpMethod.GET, AccessPolicy.VIEWERS, "/", "/api/funnel/metrics", "/api/funnel/handoffs")
                .viewers(HttpMethod.GET, "/api/funnel/stream")
                .intake(HttpMethod.POST, "/api/funnel/events")
                .build();
    }
}
