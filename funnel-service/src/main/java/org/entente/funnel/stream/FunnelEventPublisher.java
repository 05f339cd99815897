package org.entente.funnel.stream;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.entente.events.FunnelEvent;
import org.entente.schemas.Topics;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a validated funnel event onto the events topic, keyed by lead, and returns only once the broker
 * acknowledged it; a send the broker did not take, or that could not even start (no metadata within
 * {@code max.block.ms}: the broker is away), is a {@link PublishFailedException}, which the API answers 503. The
 * record keeps the broker's time; the topology reads event time from {@code occurredAt}, so a back-dated event is not
 * mistaken by retention for an old message.
 *
 * <p>It holds the request thread during the round trip: an asynchronous answer (Servlet async) was measured and cost
 * more CPU and latency than it saved at the loads measured (bench/results/experiments/2026-12-06-vm-intake.md).
 */
@Component
public class FunnelEventPublisher {

    private final KafkaTemplate<String, FunnelEvent> template;

    public FunnelEventPublisher(KafkaTemplate<String, FunnelEvent> template) {
        this.template = template;
    }

    public void publish(FunnelEvent event) {
        var record = new ProducerRecord<>(Topics.FUNNEL_EVENTS.name(), event.getLeadId(), event);
        try {
            template.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge the event: " + e.getMessage(), e);
        } catch (KafkaException e) {
            throw new PublishFailedException("Kafka did not take the event: " + e.getMostSpecificCause().getMessage(),
                    e);
        }
    }

    /** The broker did not take the event; the caller may retry with the same eventId. */
    public static class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
