package org.entente.funnel.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.entente.events.EngagementRequested;
import org.entente.events.HandoffSlaBreached;
import org.entente.funnel.domain.Contact;
import org.entente.funnel.domain.EngagementRule;
import org.entente.funnel.domain.FunnelSettings;
import org.entente.funnel.domain.Handoff;
import org.entente.funnel.domain.LeadEvent;
import org.entente.funnel.domain.LeadHistory;
import org.entente.funnel.domain.LeadSummary;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.Origin;
import org.entente.schemas.Topics;
import org.entente.support.tracing.StreamTracing;

/**
 * Takes each funnel event after {@link FunnelIntake} judged it and the by-lead repartition brought all of one lead's
 * events into this task (whichever producer and partitioner published them, the HTTP intake's or a CRM's): drops
 * repeated eventIds, keeps the lead's history, raises the rules of
 * engagement the event triggers, and emits the lead's new summary.
 *
 * <p>It also runs the handoff SLA clocks. Each pending handoff has an entry in a clock store ordered by deadline;
 * a stream-time punctuation raises one {@code HandoffSlaBreached} per handoff whose deadline stream time has passed
 * without an answer in time, and notes it in the lead's history so it is never raised twice. Because stream time is
 * event time, clocks only move as events arrive on the lead's partition; a handoff that arrives after stream time
 * already passed its deadline is breached as it is processed.
 *
 * <p><b>Tracing</b> (best-effort): an {@code EngagementRequested} continues the W3C trace of the event that raised it;
 * a {@code HandoffSlaBreached} that of the handoff, kept in this task's memory only ({@link StreamTracing}), so a
 * breach raised after a restart or a rebalance starts a new trace.
 */
final class LeadProcessor implements Processor<String, byte[], String, LeadOutput> {

    private final FunnelSettings settings;
    private final Duration punctuationInterval;
    private final String serviceName;
    private ProcessorContext<String, LeadOutput> context;
    private KeyValueStore<String, LeadHistory> histories;
    private KeyValueStore<String, String> clocks;
    private StreamTracing tracing;

    LeadProcessor(FunnelSettings settings, Duration punctuationInterval, String serviceName) {
        this.settings = settings;
        this.punctuationInterval = punctuationInterval;
        this.serviceName = serviceName;
    }

    @Override
    public void init(ProcessorContext<String, LeadOutput> context) {
        this.context = context;
        this.tracing = StreamTracing.of(context, "funnel-service lead");
        this.histories = context.getStateStore(FunnelTopology.LEAD_HISTORIES);
        this.clocks = context.getStateStore(FunnelTopology.SLA_CLOCKS);
        context.schedule(punctuationInterval, PunctuationType.STREAM_TIME, this::runClocks);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        FunnelIntake.Checked checked = FunnelIntake.check(record.value());
        if (checked.event() == null) { // the intake step let it through: not expected
            context.forward(deadLetter(record, originOf(record), checked.code(), checked.reason(), serviceName));
            return;
        }
        LeadEvent event = checked.event();
        String key = leadKey(event.organization(), event.leadId());
        LeadHistory before = histories.get(key);
        if (before == null) {
            before = LeadHistory.empty(event.organization(), event.leadId());
        }
        if (before.hasEvent(event.eventId())) {
            return;
        }
        Duration sla = settings.slaFor(event.organization());
        LeadHistory after = before.with(event);
        LeadSummary summary = after.summarize(sla);
        for (EngagementRule rule : settings.triggeredBy(event, summary.status(), after.raisedRules())) {
            after = after.withRaisedRule(rule.id());
            context.forward(new Record<>(event.leadId(), new LeadOutput.Alert(engagement(event, rule)),
                    record.timestamp(), tracing.headersFor(record.headers())));
        }
        histories.put(key, after);
        summary = after.summarize(sla);
        syncClocks(key, clockKeys(before, before.summarize(sla)), clockKeys(after, summary), record.headers());
        context.forward(new Record<>(key, new LeadOutput.LeadChanged(summary), record.timestamp()));
        // A handoff that arrives late may already be past its deadline in stream time: no need to wait for the next
        // punctuation to say so.
        runClocks(context.currentStreamTimeMs());
    }

    private void runClocks(long streamTime) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = clocks.range(clockPrefix(0), clockPrefix(streamTime - 1) + "\uffff")) {
            it.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> clock : due) {
            clocks.delete(clock.key);
            LeadHistory history = histories.get(clock.value);
            if (history == null) {
                continue;
            }
            Instant handedOffAt = Instant.ofEpochMilli(Long.parseLong(clock.key.substring(20, 39)));
            Duration sla = settings.slaFor(history.organization());
            Handoff handoff = history.summarize(sla).handoffs().stream()
                    .filter(h -> h.handedOffAt().equals(handedOffAt)).findFirst().orElse(null);
            if (handoff == null || handoff.answeredInTime() || history.breachedHandoffs().contains(handedOffAt)) {
                continue;
            }
            history = history.withBreach(handedOffAt);
            histories.put(clock.value, history);
            HandoffSlaBreached alert = HandoffSlaBreached.newBuilder()
                    .setOrganization(history.organization())
                    .setLeadId(history.leadId())
                    .setHandedOffAt(handedOffAt)
                    .setHandedOffBy(handoff.handedOffBy() == null ? "" : handoff.handedOffBy())
                    .setSlaMillis(sla.toMillis())
                    .setBreachedAt(handoff.deadline())
                    .build();
            context.forward(new Record<>(history.leadId(), new LeadOutput.Alert(alert), streamTime,
                    tracing.headersFor(clock.key)));
            Metrics.counter("entente.funnel.sla.breaches", "organization", history.organization()).increment();
            context.forward(new Record<>(clock.value, new LeadOutput.LeadChanged(history.summarize(sla)),
                    streamTime));
        }
    }

    /** The clocks a lead needs: one per handoff neither answered in time nor already announced as breached. */
    private static Set<String> clockKeys(LeadHistory history, LeadSummary summary) {
        Set<String> keys = new HashSet<>();
        for (Handoff h : summary.handoffs()) {
            if (!h.answeredInTime() && !history.breachedHandoffs().contains(h.handedOffAt())) {
                keys.add(clockPrefix(h.deadline().toEpochMilli()) + "|"
                        + String.format("%019d", h.handedOffAt().toEpochMilli()) + "|" + history.leadId());
            }
        }
        return keys;
    }

    /** Starts and stops the lead's clocks; a new clock keeps the trace of the event that started it. */
    private void syncClocks(String leadKey, Set<String> before, Set<String> after, Headers cause) {
        before.stream().filter(k -> !after.contains(k)).forEach(k -> {
            clocks.delete(k);
            tracing.forget(k);
        });
        after.stream().filter(k -> !before.contains(k)).forEach(k -> {
            clocks.put(k, leadKey);
            tracing.remember(k, cause);
        });
    }

    /** Clock keys sort by deadline: a zero-padded epoch millisecond, then the handoff time and the lead. */
    private static String clockPrefix(long deadlineMillis) {
        return String.format("%019d", Math.max(deadlineMillis, 0));
    }

    private EngagementRequested engagement(LeadEvent event, EngagementRule rule) {
        Contact contact = settings.directory().lookup(event.organization(), rule.contactRole()).orElse(null);
        return EngagementRequested.newBuilder()
                .setOrganization(event.organization())
                .setLeadId(event.leadId())
                .setRuleId(rule.id())
                .setReason(rule.reason())
                .setContactRole(rule.contactRole())
                .setContactName(contact == null ? null : contact.name())
                .setContactAddress(contact == null ? null : contact.address())
                .setTriggeredByEventId(event.eventId())
                .setRequestedAt(event.occurredAt())
                .build();
    }

    /** Where the record was published: stamped by the intake step, else (not repartitioned) where it was read. */
    private Origin originOf(Record<String, byte[]> record) {
        return Origin.of(record.headers()).orElseGet(() -> {
            RecordMetadata where = context.recordMetadata().orElseThrow();
            return new Origin(where.topic(), where.partition(), where.offset());
        });
    }

    /**
     * {@code record} as a dead letter of the events topic: its key and bytes as published, the publisher's headers
     * and the {@link DeadLetters} headers naming where it was published. Counted in the dead-letter metric.
     */
    static Record<String, LeadOutput> deadLetter(Record<String, byte[]> record, Origin origin, String code,
            String reason, String serviceName) {
        var headers = DeadLetters.deadLetter(Origin.without(record.headers()), code, reason, origin.topic(),
                origin.partition(), origin.offset(), serviceName);
        return new Record<>(record.key(), new LeadOutput.DeadLetter(record.value()), record.timestamp(), headers);
    }

    /** Lead ids are unique within an organization; the store key says both. */
    static String leadKey(String organization, String leadId) {
        return organization + FunnelTopology.KEY_SEPARATOR + leadId;
    }
}
