package org.entente.advice.config;

import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP while Kafka Streams is RUNNING, and through the short rebalances that follow once it has been running (the
 * service still answers from its stores then); DOWN before the first RUNNING and once it stops or fails.
 */
final class StreamsHealth implements HealthIndicator {

    private final Supplier<KafkaStreams> streams;
    private volatile boolean hasRun;

    StreamsHealth(Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams current = streams.get();
        if (current == null) {
            return Health.down().withDetail("state", "NOT_STARTED").build();
        }
        KafkaStreams.State state = current.state();
        if (state == KafkaStreams.State.RUNNING) {
            hasRun = true;
        }
        boolean up = state == KafkaStreams.State.RUNNING || hasRun && state == KafkaStreams.State.REBALANCING;
        return (up ? Health.up() : Health.down()).withDetail("state", state.name()).build();
    }
}
