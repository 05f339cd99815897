package org.entente.support.streams;

import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * A handle on the service's one Kafka Streams application, the one Spring Kafka's {@code @EnableKafkaStreams} runs
 * (its {@link StreamsBuilderFactoryBean}): the running {@link KafkaStreams} for store queries and the owner relay,
 * and the {@code application.server} it advertises to the other instances. Every Streams service reaches its stores
 * through here rather than through the factory bean.
 *
 * <p>It does not handle a service with several Kafka Streams applications: none has one.
 */
public final class ServiceStreams {

    private final ObjectProvider<StreamsBuilderFactoryBean> factories;

    public ServiceStreams(ObjectProvider<StreamsBuilderFactoryBean> factories) {
        this.factories = factories;
    }

    /** The running Kafka Streams, or {@code null} before it has started (or when the service runs none). */
    public KafkaStreams running() {
        StreamsBuilderFactoryBean factory = factories.getIfUnique();
        return factory == null ? null : factory.getKafkaStreams();
    }

    /**
     * This instance's part of a key-value store.
     *
     * @throws InvalidStateStoreException while Kafka Streams has not started, or the store is not queryable yet
     */
    public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
        KafkaStreams streams = running();
        if (streams == null) {
            throw new InvalidStateStoreException("Kafka Streams has not started yet");
        }
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }

    /** The {@code host:port} this instance advertises, or {@code null} when it advertises none. */
    public HostInfo advertised() {
        StreamsBuilderFactoryBean factory = factories.getIfUnique();
        Properties config = factory == null ? null : factory.getStreamsConfiguration();
        Object server = config == null ? null : config.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return server == null || server.toString().isBlank() ? null : HostInfo.buildFromEndpoint(server.toString());
    }

    /**
     * Sets the advertised {@code host:port}, unless the configuration names one already; it takes effect only
     * before Kafka Streams starts.
     *
     * @param replace whether to replace one the configuration names
     */
    void advertise(String hostAndPort, boolean replace) {
        StreamsBuilderFactoryBean factory = factories.getIfUnique();
        if (factory == null || factory.getStreamsConfiguration() == null) {
            return;
        }
        Properties config = factory.getStreamsConfiguration();
        Object configured = config.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        if (replace || configured == null || configured.toString().isBlank()) {
            config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, hostAndPort);
            factory.setStreamsConfiguration(config);
        }
    }
}
