package org.entente.scoring.stream;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.events.StageClassified;
import org.entente.schemas.Topics;

/**
 * {@link ScoringHarness} over a real broker: a plain byte producer (as any client in any language would write) and
 * read_committed consumers that collect everything on the output topics, polled until the scenario's condition
 * holds or a generous timeout passes.
 */
public final class BrokerHarness implements ScoringHarness, AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, KafkaConsumer<String, byte[]>> consumers = new HashMap<>();
    private final Map<String, List<ConsumerRecord<String, byte[]>>> seen = new HashMap<>();
    private final String bootstrapServers;

    public BrokerHarness(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void sendAssessmentEvent(String key, byte[] value) {
        send(Topics.ASSESSMENTS.name(), key, value);
    }

    @Override
    public void sendResponse(String key, byte[] value) {
        send(Topics.RESPONSES.name(), key, value);
    }

    private void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    @Override
    public List<StageClassified> stages(String assessmentId, Predicate<List<StageClassified>> done) {
        AtomicReference<List<StageClassified>> result = new AtomicReference<>(List.of());
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<StageClassified> now = records(Topics.STAGES.name()).stream()
                    .filter(r -> assessmentId.equals(r.key()))
                    .map(r -> Topics.STAGES.valueSerde().deserializer().deserialize(Topics.STAGES.name(), r.value()))
                    .toList();
            result.set(now);
            return done.test(now);
        });
        return settle(() -> stagesNow(assessmentId), result.get());
    }

    @Override
    public List<DeadLetter> deadLetters(String dlqTopic, String key, Predicate<List<DeadLetter>> done) {
        AtomicReference<List<DeadLetter>> result = new AtomicReference<>(List.of());
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<DeadLetter> now = deadNow(dlqTopic, key);
            result.set(now);
            return done.test(now);
        });
        return settle(() -> deadNow(dlqTopic, key), result.get());
    }

    /** Every revision published so far for an assessment, in order (per key, one partition keeps the order). */
    public List<StageClassified> stagesNow(String assessmentId) {
        return records(Topics.STAGES.name()).stream()
                .filter(r -> assessmentId.equals(r.key()))
                .map(r -> Topics.STAGES.valueSerde().deserializer().deserialize(Topics.STAGES.name(), r.value()))
                .toList();
    }

    /** Hands each revision read since the last call to {@code each}, in the order read. */
    public void stagesSince(java.util.function.Consumer<StageClassified> each) {
        List<ConsumerRecord<String, byte[]>> all = records(Topics.STAGES.name());
        for (ConsumerRecord<String, byte[]> r : all.subList(handed, all.size())) {
            each.accept(Topics.STAGES.valueSerde().deserializer().deserialize(Topics.STAGES.name(), r.value()));
        }
        handed = all.size();
    }

    private int handed;

    /** Every dead letter on {@code dlqTopic} read so far, whatever its key. */
    public List<DeadLetter> allDeadLettersNow(String dlqTopic) {
        return records(dlqTopic).stream().map(r -> new DeadLetter(r.key(), r.value(), r.headers())).toList();
    }

    private List<DeadLetter> deadNow(String dlqTopic, String key) {
        return records(dlqTopic).stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> new DeadLetter(r.key(), r.value(), r.headers()))
                .toList();
    }

    /**
     * Once the condition held, wait a little longer and read again: a scenario that expects exactly N messages
     * must also fail when an (N+1)th arrives shortly after.
     */
    private <T> List<T> settle(java.util.function.Supplier<List<T>> read, List<T> first) {
        long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        List<T> latest = first;
        while (System.nanoTime() < until) {
            latest = read.get();
        }
        return latest;
    }

    private synchronized List<ConsumerRecord<String, byte[]>> records(String topic) {
        KafkaConsumer<String, byte[]> consumer = consumers.computeIfAbsent(topic, t -> {
            KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                    new StringDeserializer(), new ByteArrayDeserializer());
            // assigned, not subscribed: no consumer group to join, so reading starts at once
            c.assign(c.partitionsFor(t, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList());
            c.seekToBeginning(c.assignment());
            return c;
        });
        List<ConsumerRecord<String, byte[]>> list = seen.computeIfAbsent(topic, t -> new ArrayList<>());
        consumer.poll(Duration.ofMillis(100)).forEach(list::add);
        return new ArrayList<>(list);
    }

    @Override
    public synchronized void close() {
        producer.close();
        consumers.values().forEach(KafkaConsumer::close);
    }
}
