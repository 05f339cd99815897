package org.entente.advice.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.entente.advice.stream.AdviceTopology;
import org.entente.schemas.Topics;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Binds the {@code advise} function's inputs and output to the contract's topics, taking their names from
 * {@link Topics} so that no topic name is spelled in configuration. Added with the lowest precedence: any of these
 * can still be overridden by ordinary properties.
 */
public class AdviceBindings implements EnvironmentPostProcessor {

    private static final String STRINGS = Serdes.StringSerde.class.getName();
    private static final String BYTES = Serdes.ByteArraySerde.class.getName();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> bindings = new LinkedHashMap<>();
        bindings.put("spring.cloud.function.definition", "advise");
        input(bindings, 0, Topics.STAGES.name());
        input(bindings, 1, Topics.ASSESSMENTS.name());
        input(bindings, 2, Topics.FUNNEL_METRICS.name());
        bindings.put("spring.cloud.stream.kafka.streams.bindings.advise-in-2.consumer.materializedAs",
                AdviceTopology.SIGNALS_STORE);
        bindings.put("spring.cloud.stream.bindings.advise-out-0.destination", Topics.ADVICE.name());
        bindings.put("spring.cloud.stream.kafka.streams.bindings.advise-out-0.producer.keySerde", STRINGS);
        bindings.put("spring.cloud.stream.kafka.streams.bindings.advise-out-0.producer.valueSerde",
                AdviceValueSerde.class.getName());
        environment.getPropertySources().addLast(new MapPropertySource("entente-advice-bindings", bindings));
    }

    private static void input(Map<String, Object> bindings, int index, String topic) {
        String binding = "advise-in-" + index;
        bindings.put("spring.cloud.stream.bindings." + binding + ".destination", topic);
        bindings.put("spring.cloud.stream.kafka.streams.bindings." + binding + ".consumer.keySerde", STRINGS);
        bindings.put("spring.cloud.stream.kafka.streams.bindings." + binding + ".consumer.valueSerde", BYTES);
    }
}
