package org.entente.support.relay;

import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds which instance answers for a key of a state store, and which instances hold a part of a store. The one
 * implementation the services use is {@link StreamsOwnerLookup}; a test may stand in its own.
 */
public interface OwnerLookup {

    /**
     * The instance holding {@code key} in {@code store}.
     *
     * @throws RelayProblem (503) while that cannot be told: Kafka Streams not running yet, or rebalancing
     */
    <K> Owner owner(String store, K key, Serializer<K> serializer);

    /**
     * Every instance holding a part of {@code store}, this one included when it does ({@link Owner.Here}), each
     * other one as {@link Owner.There}.
     *
     * @throws RelayProblem (503) while that cannot be told
     */
    List<Owner> instancesWith(String store);

    /** This instance's advertised {@code application.server}, or null when it advertises none. */
    HostInfo self();
}
