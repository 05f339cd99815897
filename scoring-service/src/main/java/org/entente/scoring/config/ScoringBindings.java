package org.entente.scoring.config;

import java.util.Map;
import org.entente.schemas.Topics;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Binds the {@code score} function's input to the assessments and the responses topics, taking their names from
 * the typed topic registry rather than spelling them in application.yml. Added last, so any configuration source
 * can still override it.
 */
public class ScoringBindings implements EnvironmentPostProcessor {

    static final String INPUT_DESTINATION = "spring.cloud.stream.bindings.score-in-0.destination";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("entente-scoring-bindings", Map.of(
                INPUT_DESTINATION, Topics.ASSESSMENTS.name() + "," + Topics.RESPONSES.name())));
    }
}
