package org.entente.funnel.config;

import org.apache.kafka.streams.KafkaStreams;
import org.entente.funnel.stream.FunnelFeed;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * UP only while the funnel topology is RUNNING and the live feed reads from the end of its topics: before that the
 * service could take events but not answer queries or push them to the board.
 */
@Component("funnel")
public class FunnelHealthIndicator extends AbstractHealthIndicator {

    private final StreamsBuilderFactoryBean streams;
    private final FunnelFeed feed;

    public FunnelHealthIndicator(StreamsBuilderFactoryBean streams, FunnelFeed feed) {
        this.streams = streams;
        this.feed = feed;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        KafkaStreams.State state = kafkaStreams == null ? null : kafkaStreams.state();
        boolean up = state == KafkaStreams.State.RUNNING && feed.isPositioned();
        (up ? builder.up() : builder.down())
                .withDetail("streams", state == null ? "NOT_STARTED" : state.name())
                .withDetail("liveFeed", feed.isPositioned() ? "LIVE" : "STARTING");
    }
}
