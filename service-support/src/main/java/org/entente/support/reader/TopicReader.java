package org.entente.support.reader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
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
 * Reads every partition of some topics on a thread of its own and keeps following them, handing each committed
 * record to a handler: from the beginning (to rebuild a state, like a global table) or from the end (to relay what
 * happens from now on). It uses no consumer group, so every instance of a service reads everything.
 *
 * <p>{@link #isCaughtUp()} turns true once everything that was on the topics when reading began has been handled
 * (from the end: once the reader is positioned there), and stays true. A handler must not throw; the reader logs
 * and skips a record if one does. Kafka may start after the reader: it waits for the topics, calling
 * {@code whileTopicsMissing} (which may create them) meanwhile; if reading fails later it starts over from where it
 * starts (handlers of a reader from the beginning must ignore what they have applied already; a reader from the end
 * misses what was published while it was away). Records that are not valid for a handler are its business.
 *
 * <p>A reader from the end may read only while it is wanted ({@link #onlyWhileWanted}): a relay with nobody to relay
 * to then fetches nothing (its partitions are paused) and, once wanted again, reads on from the end of every
 * partition. {@link #following()} tells a newcomer when everything published from then on will reach the handler.
 */
public final class TopicReader implements AutoCloseable {

    /** Where reading begins. */
    public enum StartAt {
        BEGINNING("earliest"), END("latest");

        private final String offsetReset;

        StartAt(String offsetReset) {
            this.offsetReset = offsetReset;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(TopicReader.class);
    private static final Duration POLL = Duration.ofMillis(250);
    /** How soon a reader that reads only while wanted notices that it is wanted (it polls paused partitions). */
    private static final Duration ON_DEMAND_POLL = Duration.ofMillis(50);

    private final String name;
    private final Map<String, Object> config;
    private final List<String> topics;
    private final StartAt startAt;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final Runnable whileTopicsMissing;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private volatile BooleanSupplier wanted;
    /** Newcomers waiting until the reader follows the end of every partition (see {@link #following()}). */
    private final Queue<CompletableFuture<Void>> waiting = new ConcurrentLinkedQueue<>();

    /**
     * @param name names the reader's thread and Kafka client id, and its log lines
     * @param config the service's consumer settings (bootstrap servers, credentials); a group id is dropped
     */
    public TopicReader(String name, Map<String, Object> config, List<String> topics, StartAt startAt,
            Consumer<ConsumerRecord<String, byte[]>> handler, Runnable whileTopicsMissing) {
        this.name = name;
        Map<String, Object> settings = new HashMap<>(config);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, startAt.offsetReset);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Topics are created with their contract settings by the service, never implicitly with broker defaults.
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, name);
        this.config = Map.copyOf(settings);
        this.topics = List.copyOf(topics);
        this.startAt = startAt;
        this.handler = handler;
        this.whileTopicsMissing = whileTopicsMissing;
    }

    /**
     * Makes this reader (from the end, before it starts) read only while {@code wanted} says so: otherwise its
     * partitions are paused and nothing is fetched. When it is wanted again it reads on from the end, so what was
     * published while nobody wanted it is never handled.
     */
    public TopicReader onlyWhileWanted(BooleanSupplier wanted) {
        if (startAt != StartAt.END) {
            throw new IllegalStateException("only a reader from the end can skip what nobody wanted");
        }
        this.wanted = wanted;
        return this;
    }

    /**
     * Completes once the reader follows every partition from a position at or before the end as it is now: from
     * then on every record published reaches the handler. A reader that reads only while wanted must be wanted
     * before this is asked (or it never completes); any reader completes it only while it runs and is positioned.
     */
    public CompletableFuture<Void> following() {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        waiting.add(ready);
        return ready;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** True once what was on the topics when reading began has been handled (from the end: once positioned). */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    public boolean isRunning() {
        return running;
    }

    /** Reads until closed; if reading fails (Kafka away too long), starts over. */
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
                        log.warn("{}: reading {} failed; starting over: {}", name, topics, e.toString());
                        sleepQuietly(Duration.ofSeconds(1));
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
        Map<TopicPartition, Long> ends;
        if (startAt == StartAt.BEGINNING) {
            kafka.seekToBeginning(partitions);
            ends = kafka.endOffsets(partitions);
        } else {
            kafka.seekToEnd(partitions);
            partitions.forEach(kafka::position); // resolve the end now: nothing published from here on is missed
            ends = Map.of();
        }
        boolean paused = false;
        while (running) {
            if (!caughtUp && ends.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                caughtUp = true;
                log.info("{}: caught up with {}", name, topics);
            }
            BooleanSupplier demand = wanted;
            if (demand != null) {
                boolean want = demand.getAsBoolean();
                if (want && paused) {
                    kafka.seekToEnd(partitions); // what was published while nobody wanted it stays unread
                    partitions.forEach(kafka::position);
                    kafka.resume(partitions);
                    paused = false;
                } else if (!want && !paused) {
                    kafka.pause(partitions);
                    paused = true;
                }
            }
            if (!paused) {
                // positioned and fetching: whoever asked before now hears everything published from here on
                for (CompletableFuture<Void> ready; (ready = waiting.poll()) != null; ) {
                    ready.complete(null);
                }
            }
            for (ConsumerRecord<String, byte[]> record : kafka.poll(demand == null ? POLL : ON_DEMAND_POLL)) {
                handle(record);
            }
        }
    }

    /** The partitions of every topic, waiting (while running) until the broker has them all. */
    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka) {
        while (running) {
            try {
                List<TopicPartition> all = new ArrayList<>();
                for (String topic : topics) {
                    List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(10));
                    if (infos == null || infos.isEmpty()) {
                        break;
                    }
                    infos.forEach(info -> all.add(new TopicPartition(info.topic(), info.partition())));
                }
                if (all.stream().map(TopicPartition::topic).distinct().count() == topics.size()) {
                    return all;
                }
                log.info("{}: waiting for {} to exist", name, topics);
                whileTopicsMissing.run();
                sleepQuietly(Duration.ofMillis(500));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("{}: Kafka is not answering yet: {}", name, e.getMessage());
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                log.warn("{}: the topics are not there yet: {}", name, e.getMessage());
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
        return List.of();
    }

    private void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        try {
            handler.accept(record);
        } catch (RuntimeException e) {
            log.warn("{}: skipped {}-{}@{}: {}", name, record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    /** Stops reading and waits (a while) for the thread to end. */
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
