package org.entente.funnel.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.entente.schemas.Topics;

/**
 * Stream time follows when funnel events happened ({@code occurredAt}), not when they reached Kafka, so SLA clocks
 * run on event time whoever published the event. Bytes that do not decode keep the record's timestamp; they are
 * sent to the dead-letter topic anyway.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof byte[] bytes) {
            try {
                return Topics.FUNNEL_EVENTS.valueSerde().deserializer().deserialize(record.topic(), bytes)
                        .getOccurredAt().toEpochMilli();
            } catch (RuntimeException notAnEvent) {
                // fall through to the broker's timestamp
            }
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }
}
