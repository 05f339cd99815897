package org.entente.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the tracing tests share: a made-up W3C {@code traceparent} to start a trace with (on an HTTP request or a
 * record), a record published with one, and the {@code traceparent} of a record a service wrote, read from its topic.
 */
public final class Traces {

    public static final String TRACEPARENT = "traceparent";

    private Traces() {
    }

    /** A new sampled {@code traceparent}: version 00, a random trace id and parent span id. */
    public static String newTraceparent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "00-%016x%016x-%016x-01".formatted(random.nextLong() | 1, random.nextLong(), random.nextLong() | 1);
    }

    /** The trace id of a {@code traceparent}. */
    public static String traceId(String traceparent) {
        String[] parts = traceparent.split("-");
        if (parts.length != 4 || parts[1].length() != 32) {
            throw new AssertionError("not a W3C traceparent: " + traceparent);
        }
        return parts[1];
    }

    /** Publishes one record with this {@code traceparent} header and waits for the broker's acknowledgement. */
    public static void send(String brokers, String topic, String key, byte[] value, String traceparent) {
        Map<String, Object> config = new HashMap<>(Crc32Partitioner.producerSettings());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            var record = new ProducerRecord<>(topic, key, value);
            record.headers().add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The {@code traceparent} header of the first record on {@code topic} (read from the start) that {@code which}
     * accepts, waiting up to {@code timeout} for it; fails when no such record comes or it carries no traceparent.
     */
    public static String traceparentOf(String brokers, String topic, Predicate<ConsumerRecord<String, byte[]>> which,
            Duration timeout) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (which.test(record)) {
                        Header header = record.headers().lastHeader(TRACEPARENT);
                        if (header == null) {
                            throw new AssertionError("the record on " + topic + " with key " + record.key()
                                    + " carries no traceparent");
                        }
                        return new String(header.value(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        throw new AssertionError("no such record on " + topic + " within " + timeout);
    }

    /** The {@code traceparent} of the first record on {@code topic} with this key. */
    public static String traceparentOf(String brokers, String topic, String key, Duration timeout) {
        return traceparentOf(brokers, topic, record -> key.equals(record.key()), timeout);
    }
}
