package org.entente.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * Partitions keyed records the way librdkafka-based clients (Python, Go, .NET, Node through librdkafka) do by
 * default ({@code consistent_random}): the CRC32 of the key bytes modulo the partition count, a random partition
 * for a record without a key. The Java client hashes with murmur2 instead, so a Java producer given this partitioner
 * stands in for another language's application in the tests that prove the services never rely on the producer's
 * partitioning.
 *
 * <p>Use it with {@link #producerSettings()}; {@link #partitionFor(String, int)} tells a test where a key lands, and
 * {@link #javaPartitionFor(String, int)} where the Java client would put it.
 */
public final class Crc32Partitioner implements Partitioner {

    /** The producer setting that makes a Java producer partition like librdkafka. */
    public static Map<String, Object> producerSettings() {
        return Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, Crc32Partitioner.class.getName());
    }

    /** The partition librdkafka's default partitioner picks for {@code key} among {@code partitions}. */
    public static int partitionFor(String key, int partitions) {
        return partitionFor(key.getBytes(StandardCharsets.UTF_8), partitions);
    }

    /**
     * The partition the Java client's default partitioner picks for {@code key} (murmur2), for a test to show that
     * its keys really land apart under the two partitioners.
     */
    public static int javaPartitionFor(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    static int partitionFor(byte[] keyBytes, int partitions) {
        CRC32 crc = new CRC32();
        crc.update(keyBytes);
        return (int) (crc.getValue() % partitions);
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionCountForTopic(topic);
        if (keyBytes == null) {
            return ThreadLocalRandom.current().nextInt(partitions);
        }
        return partitionFor(keyBytes, partitions);
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
}
