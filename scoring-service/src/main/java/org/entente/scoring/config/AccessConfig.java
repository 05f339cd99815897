package org.entente.scoring.config;

import org.entente.security.AccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call scoring-service: both viewer roles read an assessment's score (aggregates only), and so does another
 * scoring instance relaying a viewer's query; everything else (metrics, info, the OpenAPI document, health details)
 * is for admins. The rules themselves are enforced by the shared security module.
 */
@Configuration(proxyBeanMethods = false)
public class AccessConfig {

    /** The score query, as viewers and relaying instances call it. */
    public static final String SCORE_PATH = "/api/assessments/{id}/score";

    @Bean
    AccessPolicy scoringAccessPolicy() {
        return AccessPolicy.builder()
                .relayed(HttpMethod.GET, AccessPolicy.VIEWERS, SCORE_PATH)
                .build();
    }
}
