package org.entente.survey.stream;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.entente.schemas.Topic;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes to Kafka and waits for the broker's acknowledgement, so that a caller only tells a client "accepted" about
 * what is durably on the topic. The producer is idempotent with acks=all (see the service's configuration); a write
 * that is not acknowledged within {@code timeout} raises {@link KafkaUnavailableException}.
 *
 * <p>It does not buffer writes while Kafka is away: clients retry instead.
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
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        return publishBytes(topic.name(), key, bytes);
    }

    public RecordMetadata publishBytes(String topic, String key, byte[] value) {
        try {
            return template.send(topic, key, value).get(timeout.toMillis(), TimeUnit.MILLISECONDS).getRecordMetadata();
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("Kafka did not acknowledge the write to " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not acknowledge the write to " + topic + " within "
                    + timeout.toSeconds() + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while waiting for Kafka", e);
        } catch (RuntimeException e) {
            throw new KafkaUnavailableException("Kafka refused the write to " + topic + ": " + e.getMessage(), e);
        }
    }
}
