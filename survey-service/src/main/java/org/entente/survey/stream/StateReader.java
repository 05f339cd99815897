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
 * Kafka may start after the reader: it waits, asks for the missing topics to be created, and if reading fails
 * later it starts over from the beginning (handlers ignore what they have already applied).
 */
public final class StateReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StateReader.class);

    private final Map<String, Object> config;
    private final Map<String, Consumer<ConsumerRecord<String, byte[]>>> handlers;
    private final Runnable createTopics;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /** {@code config} needs at least bootstrap.servers; handlers are keyed by topic name. */
    public StateReader(Map<String, Object> config, Map<String, Consumer<ConsumerRecord<String, byte[]>>> handlers) {
        this(config, handlers, () -> { });
    }

    /**
     * Like the plain constructor; {@code createTopics} is called while some topic is missing (for instance when the
     * service started before Kafka did, so its topics could not be created at start-up).
     */
    public StateReader(Map<String, Object> config, Map<String, Consumer<ConsumerRecord<String, byte[]>>> handlers,
            Runnable createTopics) {
        this.createTopics = createTopics;
        Map<String, Object> settings = new HashMap<>(config);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Topics are created with their contract settings by the service, never implicitly with broker defaults.
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
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

    /** Reads until closed; if reading fails (Kafka away too long), starts over: re-applying records is harmless. */
    private void run() {
        try {
            while (running) {
                try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(config, new StringDeserializer(),
                        new ByteArrayDeserializer())) {
                    consumer = kafka;
                    follow(kafka);
                } catch (WakeupException e) {
                    // close() asked us to stop.
                } catch (RuntimeException e) {
                    if (running) {
                        log.warn("reading the survey state failed; starting over: {}", e.toString());
                        sleepQuietly();
                    }
                }
            }
        } finally {
            running = false;
        }
    }

    private void follow(KafkaConsumer<String, byte[]> kafka) {
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
                createTopics.run();
                Thread.sleep(500);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("Kafka is not answering yet: {}", e.getMessage());
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                log.warn("could not create the survey topics yet: {}", e.getMessage());
                sleepQuietly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
        return List.of();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
            try {
                kafka.wakeup();
            } catch (RuntimeException e) {
                // Already closed: nothing to wake.
            }
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
