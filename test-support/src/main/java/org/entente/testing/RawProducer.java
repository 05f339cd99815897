package org.entente.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A producer of already-encoded messages (string keys, raw bytes) for the tests that feed a service's input topics
 * the way another application would: {@link #javaDefault} partitions as survey-service's Java client does (murmur2),
 * {@link #likeLibrdkafka} as a Python, Go, .NET or Node application does by default ({@link Crc32Partitioner}).
 * Each {@link #send} waits for the broker's acknowledgement ({@code acks=all}), so a test knows what was published
 * before it looks for the outcome.
 */
public final class RawProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    private RawProducer(String brokers, Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Partitions keys as the Java client does by default (murmur2). */
    public static RawProducer javaDefault(String brokers) {
        return new RawProducer(brokers, Map.of());
    }

    /** Partitions keys as librdkafka-based clients do by default (CRC32). */
    public static RawProducer likeLibrdkafka(String brokers) {
        return new RawProducer(brokers, Crc32Partitioner.producerSettings());
    }

    /** How many partitions {@code topic} has. */
    public int partitionCount(String topic) {
        return producer.partitionsFor(topic).size();
    }

    /** Publishes one message and waits until the broker has it. */
    public void send(String topic, String key, byte[] value) throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
