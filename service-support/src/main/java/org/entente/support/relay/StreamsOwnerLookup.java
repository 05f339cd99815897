package org.entente.support.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@link OwnerLookup} on the service's running {@link KafkaStreams}: {@link KafkaStreams#queryMetadataForKey} for one
 * key, {@link KafkaStreams#streamsMetadataForStore} for a whole store, compared with the {@code application.server}
 * this instance advertises. An instance that advertises no address is taken to be the only one and answers everything
 * itself.
 */
public final class StreamsOwnerLookup implements OwnerLookup {

    private final Supplier<KafkaStreams> streams;
    private final Supplier<HostInfo> self;
    private final Duration retryAfter;

    /**
     * @param streams the running Kafka Streams, or null before it has started
     * @param self this instance's advertised address, or null when it advertises none
     */
    public StreamsOwnerLookup(Supplier<KafkaStreams> streams, Supplier<HostInfo> self, Duration retryAfter) {
        this.streams = streams;
        this.self = self;
        this.retryAfter = retryAfter;
    }

    @Override
    public <K> Owner owner(String store, K key, Serializer<K> serializer) {
        KafkaStreams running = running();
        HostInfo me = self();
        if (me == null) {
            return Owner.HERE;
        }
        KeyQueryMetadata metadata = running.queryMetadataForKey(store, key, serializer);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                || metadata.activeHost() == null || metadata.activeHost().port() < 0) {
            throw RelayProblem.ownerUnknown("which instance holds this is being settled (starting or rebalancing); "
                    + "try again shortly", retryAfter);
        }
        return me.equals(metadata.activeHost()) ? Owner.HERE : new Owner.There(metadata.activeHost());
    }

    @Override
    public List<Owner> instancesWith(String store) {
        KafkaStreams running = running();
        HostInfo me = self();
        if (me == null) {
            return List.of(Owner.HERE);
        }
        Collection<StreamsMetadata> holders = running.streamsMetadataForStore(store);
        if (holders == null || holders.isEmpty()) {
            throw RelayProblem.ownerUnknown("which instances hold " + store + " is being settled (starting or "
                    + "rebalancing); try again shortly", retryAfter);
        }
        List<Owner> owners = new ArrayList<>();
        for (StreamsMetadata holder : holders) {
            owners.add(me.equals(holder.hostInfo()) ? Owner.HERE : new Owner.There(holder.hostInfo()));
        }
        return owners;
    }

    @Override
    public HostInfo self() {
        return self.get();
    }

    private KafkaStreams running() {
        KafkaStreams running = streams.get();
        if (running == null || !running.state().isRunningOrRebalancing()) {
            throw RelayProblem.ownerUnknown("the service's Kafka Streams is not running yet; try again shortly",
                    retryAfter);
        }
        return running;
    }
}
