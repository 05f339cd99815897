package org.entente.funnel.stream;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import java.util.List;
import java.util.stream.Collectors;
import org.entente.events.FunnelEvent;
import org.entente.funnel.domain.FunnelEventRules;
import org.entente.funnel.domain.LeadEvent;
import org.entente.funnel.domain.Violation;
import org.entente.schemas.EventDecodingException;
import org.entente.schemas.Origin;
import org.entente.schemas.OriginPrefix;
import org.entente.schemas.Topics;
import org.entente.support.streams.Arrival;

/**
 * The funnel's first step, on the events topic as it was published (by the HTTP intake, or by a CRM or any other
 * application, with whatever partitioner its client uses): bytes that do not decode, empty messages and events that
 * break the funnel's event rules go to the dead-letter topic at once, naming the partition and offset they were
 * published at; every other event passes on
 * unchanged (bytes, timestamp, headers), with its {@link Origin} in front of its bytes ({@link OriginPrefix}), keyed
 * by its organization, to be brought onto the
 * funnel's partitioning by the {@link #REPARTITION} step, so that one lead's events, and all the leads of one
 * organization, meet in one task whoever published them. It keeps no state: repeats, histories and clocks are
 * {@link LeadProcessor}'s, after the repartition.
 */
final class FunnelIntake implements Processor<String, byte[], String, LeadOutput> {

    /**
     * The repartition step's name (its topic: {@code <application id>-funnel-events-by-organization-repartition}),
     * keyed by the event's organization.
     */
    static final String REPARTITION = "funnel-events-by-organization";

    private final String serviceName;
    private ProcessorContext<String, LeadOutput> context;

    FunnelIntake(String serviceName) {
        this.serviceName = serviceName;
    }

    @Override
    public void init(ProcessorContext<String, LeadOutput> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Origin origin = Arrival.here(context);
        Checked checked = check(record.value());
        if (checked.event() == null) {
            context.forward(LeadProcessor.deadLetter(record, origin, checked.code(), checked.reason(), serviceName));
            return;
        }
        // the publisher's headers pass on as they are; the origin travels in front of the bytes
        context.forward(new Record<String, LeadOutput>(checked.event().organization(),
                new LeadOutput.Accepted(OriginPrefix.prefix(origin, record.value())), record.timestamp(),
                record.headers()));
    }

    /** A decoded event that keeps the rules, or why there is none. */
    record Checked(LeadEvent event, String code, String reason) {
    }

    /**
     * Decodes one message and applies the funnel's event rules to it (the stateless ones: what must be there, what
     * goes with what). The lead processor reads the event through here too, so both steps decode alike.
     */
    static Checked check(byte[] value) {
        FunnelEvent decoded;
        try {
            decoded = Topics.FUNNEL_EVENTS.valueSerde().deserializer().deserialize(Topics.FUNNEL_EVENTS.name(), value);
        } catch (EventDecodingException e) {
            return new Checked(null, e.failure().name(), e.getMessage());
        }
        if (decoded == null) {
            return new Checked(null, "INVALID_EVENT", "an empty message (tombstone) is not a funnel event");
        }
        LeadEvent event = LeadEvent.from(decoded);
        List<Violation> violations = FunnelEventRules.check(event);
        if (!violations.isEmpty()) {
            return new Checked(null, violations.get(0).code(),
                    violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
        }
        return new Checked(event, null, null);
    }
}
