package org.entente.support.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** The OpenAPI parts every service shares, where springdoc is on the class path; nothing where it is not. */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiSupportConfiguration {

    @Bean
    ProblemOpenApiCustomizer problemOpenApiCustomizer() {
        return new ProblemOpenApiCustomizer();
    }
}
