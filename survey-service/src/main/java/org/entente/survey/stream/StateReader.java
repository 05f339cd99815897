package org.entente.survey.stream;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
 */
public final class StateReader implements SmartLifecycle, AutoCloseable {

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
        this.reader = new TopicReader("survey-service-state", config, List.copyOf(byTopic.keySet()),
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
