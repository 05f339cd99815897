package org.entente.support.topics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.entente.schemas.Topic;

/**
 * The topics one service reads or writes, declared as a bean so that {@link TopicCreation} creates them: the
 * public topics of the contract it reads or writes, the dead-letter topics it writes (those of the topics it
 * consumes and may reject from), and its own internal topics. A service declares no dead-letter topic it does not
 * write: under Kafka ACLs it may not even see the others. Partitions and replication come from the deployment, not
 * from here.
 */
public final class ServiceTopics {

    private final List<Topic<?>> publicTopics;
    private final List<Topic<?>> deadLettered;
    private final Map<String, Map<String, String>> internalTopics;

    private ServiceTopics(List<Topic<?>> publicTopics, List<Topic<?>> deadLettered,
            Map<String, Map<String, String>> internalTopics) {
        this.publicTopics = List.copyOf(publicTopics);
        this.deadLettered = List.copyOf(deadLettered);
        this.internalTopics = Map.copyOf(internalTopics);
    }

    /** Public topics of the contract that the service reads or writes. */
    public static ServiceTopics of(Topic<?>... topics) {
        return new ServiceTopics(List.of(topics), List.of(), Map.of());
    }

    /** These topics and the dead-letter topics of {@code sources}, which the service writes what it rejects to. */
    public ServiceTopics deadLettersOf(Topic<?>... sources) {
        List<Topic<?>> all = new ArrayList<>(deadLettered);
        all.addAll(List.of(sources));
        return new ServiceTopics(publicTopics, all, internalTopics);
    }

    /** These topics and an internal one of the service's own, created with {@code config} and no dead letters. */
    public ServiceTopics andInternal(String name, Map<String, String> config) {
        Map<String, Map<String, String>> internal = new LinkedHashMap<>(internalTopics);
        internal.put(name, config);
        return new ServiceTopics(publicTopics, deadLettered, internal);
    }

    /** How to create every one of them with the deployment's partitions and replication factor. */
    public List<NewTopic> newTopics(int partitions, short replicationFactor) {
        List<NewTopic> all = new ArrayList<>();
        publicTopics.forEach(topic -> all.add(topic.newTopic(partitions, replicationFactor)));
        deadLettered.forEach(source -> all.add(source.newDlqTopic(partitions, replicationFactor)));
        internalTopics.forEach((name, config) -> all.add(new NewTopic(name, partitions, replicationFactor)
                .configs(config)));
        return all;
    }
}
