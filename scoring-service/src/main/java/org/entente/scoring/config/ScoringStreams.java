package org.entente.scoring.config;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * A handle on the one Kafka Streams application the binder runs for the {@code score} function: its running
 * {@link KafkaStreams} (for queries and health) and the {@code application.server} it advertises.
 */
public class ScoringStreams {

    private final ApplicationContext context;
    private volatile StreamsBuilderFactoryBean factory;

    public ScoringStreams(ApplicationContext context) {
        this.context = context;
    }

    /** The running Kafka Streams, or {@code null} before it has started. */
    public KafkaStreams kafkaStreams() {
        return factory().getKafkaStreams();
    }

    /** The {@code host:port} this instance advertises to the others, or {@code null} when it advertises none. */
    public String advertisedServer() {
        Object server = factory().getStreamsConfiguration().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return server == null ? null : server.toString();
    }

    /** Sets the advertised {@code host:port}; it takes effect only before Kafka Streams starts. */
    void advertise(String hostAndPort) {
        StreamsBuilderFactoryBean bean = factory();
        Properties config = bean.getStreamsConfiguration();
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, hostAndPort);
        bean.setStreamsConfiguration(config);
    }

    StreamsBuilderFactoryBean factory() {
        StreamsBuilderFactoryBean found = factory;
        if (found == null) {
            Map<String, StreamsBuilderFactoryBean> beans = context.getBeansOfType(StreamsBuilderFactoryBean.class);
            if (beans.size() != 1) {
                throw new IllegalStateException("expected the one Kafka Streams application of the score function, "
                        + "found " + beans.keySet());
            }
            found = beans.values().iterator().next();
            factory = found;
        }
        return found;
    }
}
