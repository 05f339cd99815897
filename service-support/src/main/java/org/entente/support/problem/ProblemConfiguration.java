package org.entente.support.problem;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;

/**
 * Makes {@link ProblemErrorController} the service's error controller, in place of Spring Boot's (which answers
 * programs with a JSON shape of its own). Boot's error attributes, error view resolvers and plain error page stay.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemConfiguration {

    @Bean
    ProblemErrorController problemErrorController(ErrorAttributes errorAttributes,
            ObjectProvider<ErrorViewResolver> viewResolvers) {
        return new ProblemErrorController(errorAttributes, viewResolvers.orderedStream().toList());
    }
}
