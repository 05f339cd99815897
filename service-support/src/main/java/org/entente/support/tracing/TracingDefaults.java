package org.entente.support.tracing;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every service's tracing defaults, in one place and added last (any configuration source overrides them): every
 * trace is sampled, so that an operator who points the services at an OTLP collector can follow any one response or
 * funnel event across them. Spans are only exported when
 * {@code management.opentelemetry.tracing.export.otlp.endpoint} is set; until then a sampled span costs a few
 * objects and is dropped. Set {@code MANAGEMENT_TRACING_SAMPLING_PROBABILITY} lower for a busy deployment (a trace is
 * then sampled, or not, at its start, and the services downstream follow that decision).
 */
public class TracingDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("entente-tracing-defaults", Map.of(
                "management.tracing.sampling.probability", "1.0")));
    }
}
