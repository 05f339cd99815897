package org.entente.advice.config;

import org.entente.security.AccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call advice-service: both viewer roles read the list of reports, a report and its advice as JSON, the list
 * of assessments and an organization's history (all aggregates), and so does another advice instance relaying such a
 * request to the instance that hosts the assessment or gathering a list; everything else (metrics, info, the OpenAPI document, health details) is for admins. The rules are
 * enforced by the shared security module, before the shared owner relay relays anything.
 */
@Configuration(proxyBeanMethods = false)
public class AccessConfig {

    @Bean
    AccessPolicy adviceAccessPolicy() {
        return AccessPolicy.builder()
                .relayed(HttpMethod.GET, AccessPolicy.VIEWERS, "/", "/assessments/{id}", "/api/assessments/{id}/advice",
                        "/api/assessments", "/api/organizations/{organization}/history")
                .build();
    }
}
