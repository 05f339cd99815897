package org.entente.schemas;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the public contract: its name, how keys and values are encoded, and the topic-level settings it is
 * created with. Dead letters for the topic go to {@link #dlq()}, keyed as the source, carrying the original bytes.
 */
public record Topic<V>(String name, Serde<String> keySerde, Serde<V> valueSerde, Map<String, String> config) {

    public Topic {
        config = Map.copyOf(config);
    }

    /** The dead-letter topic for messages rejected from this one. */
    public String dlq() {
        return name + ".dlq";
    }

    /** How to create this topic: its contract settings with the deployment's partitions and replication. */
    public NewTopic newTopic(int partitions, short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor).configs(config);
    }

    /** How to create the dead-letter topic; dead letters are kept as long as the source's messages. */
    public NewTopic newDlqTopic(int partitions, short replicationFactor) {
        return new NewTopic(dlq(), partitions, replicationFactor).configs(config);
    }

    @Override
    public String toString() {
        return name;
    }
}
