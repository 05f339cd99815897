package org.entente.funnel.stream;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.schemas.Topic;
import org.entente.support.reader.TopicReader;
import org.springframework.context.SmartLifecycle;

/**
 * A compacted topic of settings that admins edit (revenue targets, directory entries), kept whole in memory on every
 * instance, like a global table: service-support's {@link TopicReader} reads every partition from the beginning and
 * keeps following; a tombstone removes its key. {@link #put} and {@link #remove} publish (acknowledged by all in-sync
 * replicas) and return once this instance has read the change back, so the instance that took an edit answers with
 * it at once; the other instances see it as soon as their reader gets there (milliseconds, not guaranteed).
 *
 * <p>A record that does not decode is skipped and logged by the reader. It is meant for hundreds or thousands of
 * keys, not millions, and it keeps no history of earlier values (the topic is compacted).
 */
public final class CompactedTable<V> implements SmartLifecycle, AutoCloseable {

    private static final Duration READ_BACK = Duration.ofSeconds(10);

    private final Topic<V> topic;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final Map<Integer, Long> readUpTo = new ConcurrentHashMap<>();
    private final TopicReader reader;
    private final KafkaProducer<String, V> producer;

    /**
     * @param consumerConfig and producerConfig: the service's Kafka settings (bootstrap servers, credentials)
     * @param whileTopicMissing called while the topic is not there (Kafka came up after the service): creates it
     */
    public CompactedTable(Topic<V> topic, String clientId, Map<String, Object> consumerConfig,
            Map<String, Object> producerConfig, Runnable whileTopicMissing) {
        this.topic = topic;
        Map<String, Object> reading = new HashMap<>(consumerConfig);
        reading.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        this.reader = new TopicReader(clientId, reading, List.of(topic.name()), TopicReader.StartAt.BEGINNING,
                this::apply, whileTopicMissing);
        Map<String, Object> writing = new HashMap<>(producerConfig);
        writing.put(ProducerConfig.ACKS_CONFIG, "all");
        writing.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        writing.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        this.producer = new KafkaProducer<>(writing, new StringSerializer(), topic.valueSerde().serializer());
    }

    /** The values as they stand, by key (a copy). */
    public Map<String, V> values() {
        return Map.copyOf(values);
    }

    public V get(String key) {
        return values.get(key);
    }

    /** Publishes {@code value} under {@code key} and returns once this instance has it. */
    public void put(String key, V value) {
        publish(new ProducerRecord<>(topic.name(), key, value));
    }

    /** Publishes a tombstone for {@code key} and returns once this instance has forgotten it. */
    public void remove(String key) {
        publish(new ProducerRecord<>(topic.name(), key, null));
    }

    /** True once everything on the topic when reading began has been read. */
    public boolean isCaughtUp() {
        return reader.isCaughtUp();
    }

    private void publish(ProducerRecord<String, V> record) {
        RecordMetadata written;
        try {
            written = producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunnelEventPublisher.PublishFailedException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new FunnelEventPublisher.PublishFailedException(
                    "Kafka did not acknowledge the change to " + topic.name() + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + READ_BACK.toNanos();
        while (readUpTo.getOrDefault(written.partition(), -1L) < written.offset() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.key() != null) {
                V value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
                if (value == null) {
                    values.remove(record.key());
                } else {
                    values.put(record.key(), value);
                }
            }
        } finally {
            readUpTo.merge(record.partition(), record.offset(), Math::max);
        }
    }

    @Override
    public void start() {
        reader.start();
    }

    @Override
    public void stop() {
        reader.close();
    }

    @Override
    public boolean isRunning() {
        return reader.isRunning();
    }

    @Override
    public void close() {
        reader.close();
        producer.close(Duration.ofSeconds(5));
    }
}
