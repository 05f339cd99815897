package org.entente.testing;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The end offset of every partition of every topic on a broker, internal topics included: taken before and after
 * something that must not write anything (a refused request), the two snapshots are equal.
 */
public final class TopicOffsets {

    private TopicOffsets() {
    }

    /** Partition ("topic-partition") to end offset, sorted. */
    public static Map<String, Long> snapshot(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            var topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            var descriptions = admin.describeTopics(topics).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> request = descriptions.values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all().get();
            Map<String, Long> snapshot = new TreeMap<>();
            ends.forEach((tp, info) -> snapshot.put(tp.toString(), info.offset()));
            return snapshot;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read offsets from " + bootstrapServers, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
