package org.entente.funnel.delivery;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.support.reader.TopicReader;

/**
 * Which alert went to which channel: funnel-service's own compacted topic {@value #TOPIC}, keyed by the idempotency
 * key ({@code <alertId>|routes[0].slack}), the value the time of delivery. Every instance reads the whole topic at
 * start (and keeps following it) into a set, and writes a record, acknowledged by all in-sync replicas, right after
 * a channel accepted an alert. It holds no destination. It never forgets a key yet (no tombstones for old alerts).
 */
public final class DeliveredLog implements AutoCloseable {

    public static final String TOPIC = "entente.funnel.alert-deliveries.internal.v1";
    public static final Map<String, String> TOPIC_CONFIG = Map.of("cleanup.policy", "compact", "retention.ms", "-1");

    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final TopicReader reader;
    private final KafkaProducer<String, String> producer;

    /**
     * @param consumerConfig and producerConfig: the service's Kafka settings (bootstrap servers, credentials)
     * @param whileTopicMissing called while the topic is not there (Kafka came up after the service): creates it
     */
    public DeliveredLog(Map<String, Object> consumerConfig, Map<String, Object> producerConfig,
            Runnable whileTopicMissing) {
        this.reader = new TopicReader("funnel-alert-deliveries", consumerConfig, List.of(TOPIC),
                TopicReader.StartAt.BEGINNING, r -> delivered.add(r.key()), whileTopicMissing);
        Map<String, Object> settings = new HashMap<>(producerConfig);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "funnel-alert-deliveries");
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    public void start() {
        reader.start();
    }

    /** True once every delivery recorded before the start has been read. */
    public boolean isCaughtUp() {
        return reader.isCaughtUp();
    }

    public boolean contains(String key) {
        return delivered.contains(key);
    }

    /** Records the delivery and returns once Kafka has it. */
    public void record(String key) throws ExecutionException, InterruptedException, TimeoutException {
        producer.send(new ProducerRecord<>(TOPIC, key, Instant.now().toString())).get(30, TimeUnit.SECONDS);
        delivered.add(key);
    }

    @Override
    public void close() {
        reader.close();
        producer.close();
    }
}
