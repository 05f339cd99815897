package org.entente.testing;

import java.time.Duration;
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

    /**
     * The end offsets once they have stopped moving: two snapshots a second apart are equal (a service has finished
     * what it was doing, such as Kafka Streams starting up). Fails when they still move after {@code timeout}.
     */
    public static Map<String, Long> settled(String bootstrapServers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> previous = snapshot(bootstrapServers);
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Map<String, Long> now = snapshot(bootstrapServers);
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        throw new IllegalStateException("the end offsets on " + bootstrapServers + " still moved after " + timeout);
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
