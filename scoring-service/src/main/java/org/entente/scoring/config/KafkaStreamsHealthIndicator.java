package org.entente.scoring.config;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports the service UP only while its Kafka Streams application can score: once it has reached RUNNING, and
 * through the rebalances that follow. Before the first RUNNING, or after an error, it is DOWN.
 */
@Component("kafkaStreams")
public class KafkaStreamsHealthIndicator implements HealthIndicator {

    private final ScoringStreams scoring;
    private volatile boolean hasRun;

    public KafkaStreamsHealthIndicator(ScoringStreams scoring) {
        this.scoring = scoring;
    }

    @Override
    public Health health() {
        KafkaStreams streams = scoring.kafkaStreams();
        if (streams == null) {
            return Health.down().withDetail("state", "NOT_STARTED").build();
        }
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.RUNNING) {
            hasRun = true;
        }
        boolean up = state == KafkaStreams.State.RUNNING || (hasRun && state == KafkaStreams.State.REBALANCING);
        return (up ? Health.up() : Health.down()).withDetail("state", state.name()).build();
    }
}
