package org.entente.support.streams;

import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.entente.schemas.Origin;
import org.entente.schemas.OriginPrefix;

/**
 * A message as a Streams service's step takes it: its bytes as they were published, and where they were published
 * ({@link Origin}). scoring, advice and funnel each judge their inputs in an intake step, where the record being
 * processed is the published one ({@link #here}), and pass what they accept through a repartition topic of their own
 * with the origin in front of the bytes ({@link OriginPrefix}); the step after it takes the prefix off again
 * ({@link #of}). One place for both, so the three services find an origin alike.
 *
 * <p>It does not stamp anything: the intakes write the prefix themselves, and a message kept with its headers (scoring's
 * parking lot) carries its origin as an {@link Origin} header.
 */
public record Arrival(Record<String, byte[]> record, Origin origin) {

    /** Where the record being processed was read: for a step on an input topic, where it was published. */
    public static Origin here(ProcessingContext context) {
        RecordMetadata where = context.recordMetadata().orElseThrow();
        return new Origin(where.topic(), where.partition(), where.offset());
    }

    /**
     * {@code record} with its bytes as published and its origin: taken from the {@link OriginPrefix} in front of its
     * bytes; without one (what an earlier version left on a repartition topic, or a message kept with its headers)
     * from its {@link Origin} header; without either, where it was read.
     */
    public static Arrival of(Record<String, byte[]> record, ProcessingContext context) {
        OriginPrefix.Stamped stamped = OriginPrefix.read(record.value());
        if (stamped != null) {
            return new Arrival(record.withValue(stamped.original()), stamped.origin());
        }
        return new Arrival(record, Origin.of(record.headers()).orElseGet(() -> here(context)));
    }
}
