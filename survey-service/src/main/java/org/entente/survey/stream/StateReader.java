package org.entente.survey.stream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.entente.support.reader.TopicReader;
import org.springframework.context.SmartLifecycle;

/**
 * Rebuilds the survey's in-memory state from Kafka at each start, like a global table, and keeps it following: the
 * shared {@link TopicReader} reads the survey's topics from their beginning and hands every record to the handler
 * of its topic. It uses no consumer group, so every instance of the service reads everything.
 *
 * <p>{@link #isCaughtUp()} turns true once everything that was on the topics when reading began has been handled;
 * until then the state may be incomplete. Kafka may start after the service: the reader waits, asks for the
 * missing topics to be created, and if reading fails later it starts over from the beginning (the handlers ignore
 * what they have already applied).
 *
 * <p>As a Spring bean it is a lifecycle of its own: it starts reading once the service's topics exist (they are
 * created before lifecycles start) and stops at shutdown.
 *
 * <p>It fetches in batches ({@link #FETCH_MIN_BYTES}, waiting at most {@link #FETCH_MAX_WAIT_MS}): what this instance
 * writes it records at once, so what it reads back is mostly its own responses again, and fetching them a few at a
 * time as they trickle in cost a tenth of the service's CPU under load. Another instance's writes arrive at most that
 * much later.
 */
public final class StateReader implements SmartLifecycle, AutoCloseable {

    /** A fetch returns once this much is there to read (about 300 responses)... */
    static final int FETCH_MIN_BYTES = 32 * 1024;
    /** ...or after this many milliseconds: how late another instance's writes may reach this one's state. */
    static final int FETCH_MAX_WAIT_MS = 100;

    private final TopicReader reader;

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
        Map<String, Consumer<ConsumerRecord<String, byte[]>>> byTopic = Map.copyOf(handlers);
        Map<String, Object> batched = new HashMap<>(config);
        batched.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
        batched.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        this.reader = new TopicReader("survey-service-state", batched, List.copyOf(byTopic.keySet()),
                TopicReader.StartAt.BEGINNING, record -> byTopic.get(record.topic()).accept(record), createTopics);
    }

    @Override
    public void start() {
        reader.start();
    }

    @Override
    public void stop() {
        reader.close();
    }

    public boolean isCaughtUp() {
        return reader.isCaughtUp();
    }

    @Override
    public boolean isRunning() {
        return reader.isRunning();
    }

    @Override
    public void close() {
        reader.close();
    }
}
