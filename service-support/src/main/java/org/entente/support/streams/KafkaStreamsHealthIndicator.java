package org.entente.support.streams;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * UP while the service's Kafka Streams applications can do their work: each one RUNNING, or REBALANCING after it
 * has been running (the service still answers from its stores then). DOWN before the first RUNNING, and once one
 * stops or fails. It finds the applications as Spring Kafka's {@link StreamsBuilderFactoryBean}s (the services make
 * theirs with {@code @EnableKafkaStreams}); the detail names each one's state. Readiness includes it (contributor {@code kafkaStreams}).
 */
public class KafkaStreamsHealthIndicator implements HealthIndicator {

    private final ObjectProvider<StreamsBuilderFactoryBean> factories;
    private final Set<KafkaStreams> hasRun = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    public KafkaStreamsHealthIndicator(ObjectProvider<StreamsBuilderFactoryBean> factories) {
        this.factories = factories;
    }

    @Override
    public Health health() {
        List<StreamsBuilderFactoryBean> all = factories.orderedStream().toList();
        if (all.isEmpty()) {
            // Kafka Streams is on the class path but the service runs none: nothing to judge.
            return Health.unknown().withDetail("state", "NONE").build();
        }
        boolean up = true;
        Map<String, Object> states = new java.util.LinkedHashMap<>();
        for (StreamsBuilderFactoryBean factory : all) {
            KafkaStreams streams = factory.getKafkaStreams();
            KafkaStreams.State state = streams == null ? null : streams.state();
            if (state == KafkaStreams.State.RUNNING) {
                hasRun.add(streams);
            }
            up &= state == KafkaStreams.State.RUNNING
                    || state == KafkaStreams.State.REBALANCING && hasRun.contains(streams);
            states.put(name(factory), state == null ? "NOT_STARTED" : state.name());
        }
        Health.Builder health = up ? Health.up() : Health.down();
        if (states.size() == 1) {
            return health.withDetail("state", states.values().iterator().next()).build();
        }
        return health.withDetails(states).build();
    }

    private static String name(StreamsBuilderFactoryBean factory) {
        Object id = factory.getStreamsConfiguration() == null ? null
                : factory.getStreamsConfiguration().get("application.id");
        return id == null ? String.valueOf(factory.hashCode()) : id.toString();
    }
}
