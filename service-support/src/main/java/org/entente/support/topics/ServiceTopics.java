package org.entente.support.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.entente.schemas.Topic;
import org.entente.schemas.Topics;

/**
 * The topics one service reads or writes, declared as a bean so that {@link TopicCreation} creates them: the
 * public topics of the contract, each with its dead-letter topic ({@link Topics#withDeadLetters}), and the service's
 * own internal topics (no dead-letter topic). Partitions and replication come from the deployment, not from here.
 */
public final class ServiceTopics {

    private final List<Topic<?>> publicTopics;
    private final Map<String, Map<String, String>> internalTopics;

    private ServiceTopics(List<Topic<?>> publicTopics, Map<String, Map<String, String>> internalTopics) {
        this.publicTopics = List.copyOf(publicTopics);
        this.internalTopics = Map.copyOf(internalTopics);
    }

    /** Public topics of the contract, each created with its dead-letter topic. */
    public static ServiceTopics of(Topic<?>... topics) {
        return new ServiceTopics(List.of(topics), Map.of());
    }

    /** These topics and an internal one of the service's own, created with {@code config} and no dead letters. */
    public ServiceTopics andInternal(String name, Map<String, String> config) {
        Map<String, Map<String, String>> internal = new java.util.LinkedHashMap<>(internalTopics);
        internal.put(name, config);
        return new ServiceTopics(publicTopics, internal);
    }

    /** How to create every one of them with the deployment's partitions and replication factor. */
    public List<NewTopic> newTopics(int partitions, short replicationFactor) {
        List<NewTopic> all = new ArrayList<>(Topics.withDeadLetters(partitions, replicationFactor, publicTopics));
        internalTopics.forEach((name, config) -> all.add(new NewTopic(name, partitions, replicationFactor)
                .configs(config)));
        return all;
    }
}
