package org.entente.survey.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads whole topics from their beginning and keeps following them, handing every record to the handler of its
 * topic: the service's in-memory state is rebuilt from Kafka at each start, like a global table. It uses no
 * consumer group, so every instance of the service reads everything.
 *
 * <p>{@link #isCaughtUp()} turns true once everything that was on the topics when reading began has been handled;
 * until then the state may be incomplete. A handler must not throw; the reader logs and skips a record if one does.
 */
public final class StateReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StateReader.class);

    private final Map<String, Object> config;
    private final Map<String, Consumer<ConsumerRecord<String, byte[]>>> handlers;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /** {@code config} needs at least bootstrap.servers; handlers are keyed by topic name. */
    public StateReader(Map<String, Object> config, Map<String, Consumer<ConsumerRecord<String, byte[]>>> handlers) {
        Map<String, Object> settings = new HashMap<>(config);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "survey-service-state");
        this.config = Map.copyOf(settings);
        this.handlers = Map.copyOf(handlers);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "survey-state-reader");
        thread.setDaemon(true);
        thread.start();
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            List<TopicPartition> partitions = partitions(kafka);
            if (partitions.isEmpty()) {
                return;
            }
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(250))) {
                    handle(record);
                }
                if (!caughtUp && ends.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    log.info("survey state rebuilt from {}", handlers.keySet());
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } catch (RuntimeException e) {
            log.error("the survey state reader stopped", e);
        } finally {
            running = false;
        }
    }

    /** The partitions of every topic, waiting (while running) until the broker has them all. */
    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka) {
        while (running) {
            try {
                List<TopicPartition> all = new ArrayList<>();
                boolean complete = true;
                for (String topic : handlers.keySet()) {
                    List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(10));
                    if (infos == null || infos.isEmpty()) {
                        complete = false;
                        break;
                    }
                    infos.forEach(info -> all.add(new TopicPartition(info.topic(), info.partition())));
                }
                if (complete) {
                    return all;
                }
                log.info("waiting for the survey topics to exist");
                Thread.sleep(500);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("Kafka is not answering yet: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        try {
            handlers.get(record.topic()).accept(record);
        } catch (RuntimeException e) {
            log.warn("skipped {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        Thread reader;
        synchronized (this) {
            running = false;
            reader = thread;
            thread = null;
        }
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
