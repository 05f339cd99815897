package org.entente.survey.stream;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.entente.schemas.Topic;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Writes to Kafka and tells the caller once the broker acknowledged, so that a caller only tells a client "accepted"
 * about what is durably on the topic. The producer is idempotent with acks=all (see the service's configuration); a
 * write that is not acknowledged within {@code timeout} fails with {@link KafkaUnavailableException}.
 *
 * <p>{@link #send} does not hold the caller's thread while the broker answers (the HTTP intake answers from the
 * future); {@link #publish} waits. It does not buffer writes while Kafka is away: clients retry instead.
 */
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> template;
    private final Duration timeout;

    public EventPublisher(KafkaTemplate<String, byte[]> template, Duration timeout) {
        this.template = template;
        this.timeout = timeout;
    }

    /** Encodes with the topic's serdes, sends, and returns once the broker acknowledged. */
    public <V> RecordMetadata publish(Topic<V> topic, String key, V value) {
        return await(send(topic, key, value));
    }

    public RecordMetadata publishBytes(String topic, String key, byte[] value) {
        return await(sendBytes(topic, key, value));
    }

    /**
     * Encodes with the topic's serdes and sends; the future completes on the producer's thread once the broker
     * acknowledged, or fails with {@link KafkaUnavailableException}.
     */
    public <V> CompletableFuture<RecordMetadata> send(Topic<V> topic, String key, V value) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        return sendBytes(topic.name(), key, bytes);
    }

    public CompletableFuture<RecordMetadata> sendBytes(String topic, String key, byte[] value) {
        CompletableFuture<SendResult<String, byte[]>> sent;
        try {
            sent = template.send(topic, key, value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(
                    new KafkaUnavailableException("Kafka refused the write to " + topic + ": " + e.getMessage(), e));
        }
        return sent.thenApply(SendResult::getRecordMetadata)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(unavailable(topic, failure)));
    }

    /** Waits for a write of {@link #send}, and throws its {@link KafkaUnavailableException} if it failed. */
    public static <T> T await(CompletableFuture<T> write) {
        try {
            return write.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private KafkaUnavailableException unavailable(String topic, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof KafkaUnavailableException unavailable) {
            return unavailable;
        }
        if (cause instanceof TimeoutException) {
            return new KafkaUnavailableException("Kafka did not acknowledge the write to " + topic + " within "
                    + timeout.toSeconds() + "s", cause);
        }
        return new KafkaUnavailableException("Kafka did not acknowledge the write to " + topic + ": "
                + cause.getMessage(), cause);
    }
}
