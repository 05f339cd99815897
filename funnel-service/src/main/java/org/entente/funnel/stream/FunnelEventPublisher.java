package org.entente.funnel.stream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.entente.events.FunnelEvent;
import org.entente.schemas.Topics;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes a validated funnel event onto the events topic, keyed by lead; its future completes (on the producer's
 * thread) only once the broker acknowledged it, or fails with {@link PublishFailedException}, so the HTTP intake holds
 * no thread while it waits. The record keeps the broker's time; the topology reads event time from
 * {@code occurredAt}, so a back-dated event is not mistaken by retention for an old message.
 */
@Component
public class FunnelEventPublisher {

    /** Longer than the producer's own delivery timeout: the broker's answer, whichever it is, comes first. */
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final KafkaTemplate<String, FunnelEvent> template;

    public FunnelEventPublisher(KafkaTemplate<String, FunnelEvent> template) {
        this.template = template;
    }

    public CompletableFuture<Void> publish(FunnelEvent event) {
        var record = new ProducerRecord<>(Topics.FUNNEL_EVENTS.name(), event.getLeadId(), event);
        CompletableFuture<SendResult<String, FunnelEvent>> sent;
        try {
            sent = template.send(record);
        } catch (KafkaException e) {
            // No metadata within max.block.ms (the broker is away): the same 503 as a send the broker did not answer.
            return CompletableFuture.failedFuture(new PublishFailedException("Kafka did not take the event: "
                    + e.getMostSpecificCause().getMessage(), e));
        }
        return sent.<Void>thenApply(acknowledged -> null)
                .orTimeout(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new PublishFailedException(
                        "Kafka did not acknowledge the event: " + cause(failure), failure)));
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The broker did not take the event; the caller may retry with the same eventId. */
    public static class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
