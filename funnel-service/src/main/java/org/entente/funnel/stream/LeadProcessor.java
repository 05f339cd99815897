package org.entente.funnel.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.entente.events.EngagementRequested;
import org.entente.events.HandoffSlaBreached;
import org.entente.funnel.domain.CollateralRequest;
import org.entente.funnel.domain.EngagementPolicy;
import org.entente.funnel.domain.EngagementRule;
import org.entente.funnel.domain.FunnelSettings;
import org.entente.funnel.domain.Handoff;
import org.entente.funnel.domain.LeadEvent;
import org.entente.funnel.domain.LeadHistory;
import org.entente.funnel.domain.LeadSummary;
import org.entente.internal.funnel.SlaClock;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.Origin;
import org.entente.schemas.Topics;
import org.entente.support.streams.Arrival;
import org.entente.support.tracing.StreamTracing;

/**
 * Takes each funnel event after {@link FunnelIntake} judged it and the repartition by organization brought all of one
 * lead's events into this task (whichever producer and partitioner published them, the HTTP intake's or a CRM's):
 * drops repeated eventIds, keeps the lead's history, raises the rules of engagement the event triggers (the configured
 * ones, and Sales asked to review collateral Marketing wants to print), and hands the lead's new history and summary
 * to the organization step of the same task ({@link OrganizationProcessor}).
 *
 * <p>It also runs the SLA clocks: one per handoff waiting for Sales' answer and one per collateral waiting for Sales'
 * review, each an {@link SlaClock} record in a clock store whose key orders them by deadline (the key is never read
 * back: the record carries the fields). A stream-time punctuation raises one {@code HandoffSlaBreached} per handoff,
 * and one {@code EngagementRequested} ({@value EngagementPolicy#COLLATERAL_REVIEW_OVERDUE_RULE}) per collateral, whose
 * deadline stream time has passed without an answer in time, and notes it in the lead's history so it is never raised
 * twice. Because stream time is event time, clocks only move as events arrive on the organization's partition; a
 * handoff or a request that arrives after stream time already passed its deadline is breached as it is processed.
 *
 * <p><b>Tracing</b> (best-effort): an {@code EngagementRequested} continues the W3C trace of the event that raised it;
 * a clock's alert ({@code HandoffSlaBreached}, an overdue review) that of the event that started the clock, kept in
 * this task's memory only ({@link StreamTracing}), so an alert raised after a restart or a rebalance starts a new
 * trace.
 */
final class LeadProcessor implements Processor<String, byte[], String, LeadOutput> {

    /** How many digits a clock's store key starts with: its deadline, zero-padded (a long has at most 19). */
    private static final int CLOCK_DIGITS = 19;

    private final FunnelSettings settings;
    private final Duration punctuationInterval;
    private final String serviceName;
    private ProcessorContext<String, LeadOutput> context;
    private KeyValueStore<String, byte[]> histories;
    private KeyValueStore<String, SlaClock> clocks;
    private StreamTracing tracing;
    /**
     * No running clock's store key sorts before this deadline (epoch milliseconds): a lower bound kept in memory, so
     * that checking the clocks after every event reads the store only when a clock may be due. Unknown after
     * {@link #init} (the store may hold anything), so the first check reads the store.
     */
    private long earliestDeadline;

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
        this.earliestDeadline = Long.MIN_VALUE;
        context.schedule(punctuationInterval, PunctuationType.STREAM_TIME, this::runClocks);
    }

    @Override
    public void process(Record<String, byte[]> repartitioned) {
        Arrival arrival = Arrival.of(repartitioned, context);
        Record<String, byte[]> record = arrival.record();
        FunnelIntake.Checked checked = FunnelIntake.check(record.value());
        if (checked.event() == null) { // the intake step let it through: not expected
            context.forward(deadLetter(record, arrival.origin(), checked.code(), checked.reason(), serviceName));
            return;
        }
        LeadEvent event = checked.event();
        String key = leadKey(event.organization(), event.leadId());
        LeadHistory before = StoredState.history(histories.get(key));
        if (before == null) {
            before = LeadHistory.empty(event.organization(), event.leadId());
        }
        if (before.hasEvent(event.eventId())) {
            return;
        }
        Duration sla = settings.slaFor(event.organization());
        LeadHistory after = before.with(event);
        LeadSummary summaryBefore = before.summarize(sla);
        LeadSummary summary = after.summarize(sla);
        for (EngagementRule rule : settings.triggeredBy(event, summary.status(), after.raisedRules())) {
            after = after.withRaisedRule(rule.id());
            alert(event.leadId(), engagement(event, rule), record.timestamp(), tracing.headersFor(record.headers()));
        }
        for (CollateralRequest review : newlyRequested(summaryBefore, summary)) {
            alert(event.leadId(), reviewRequested(summary, review), record.timestamp(),
                    tracing.headersFor(record.headers()));
        }
        histories.put(key, StoredState.encoded(after, event.eventId(), record.value()));
        syncClocks(clocksOf(before, summaryBefore), clocksOf(after, summary), record.headers());
        context.forward(new Record<>(key, new LeadOutput.LeadChanged(after, summary), record.timestamp()));
        // A handoff or request that arrives late may already be past its deadline in stream time: no need to wait
        // for the next punctuation to say so.
        runClocks(context.currentStreamTimeMs());
    }

    private void alert(String leadId, SpecificRecord alert, long timestamp, Headers trace) {
        context.forward(new Record<>(leadId, new LeadOutput.Alert(alert), timestamp, trace));
    }

    private void runClocks(long streamTime) {
        if (earliestDeadline >= streamTime) {
            return; // nothing can be due: a clock is due once stream time has passed its deadline
        }
        List<KeyValue<String, SlaClock>> due = new ArrayList<>();
        try (KeyValueIterator<String, SlaClock> it =
                clocks.range(clockPrefix(0), clockPrefix(streamTime - 1) + "\uffff")) {
            it.forEachRemaining(due::add);
        }
        for (KeyValue<String, SlaClock> entry : due) {
            clocks.delete(entry.key);
            SlaClock clock = entry.value;
            String key = leadKey(clock.getOrganization(), clock.getLeadId());
            LeadHistory history = StoredState.history(histories.get(key));
            if (history == null) {
                continue;
            }
            Breach breach = clock.getCollateralId() == null ? handoffBreach(history, clock)
                    : reviewBreach(history, clock);
            if (breach == null) {
                tracing.forget(entry.key);
                continue;
            }
            histories.put(key, StoredState.encoded(breach.history()));
            alert(history.leadId(), breach.alert(), streamTime, tracing.headersFor(entry.key));
            context.forward(new Record<>(key, new LeadOutput.LeadChanged(breach.history(),
                    breach.history().summarize(settings.slaFor(history.organization()))), streamTime));
        }
        earliestDeadline = firstDeadline();
    }

    /** The deadline in the first clock's store key (they sort by deadline), or {@code Long.MAX_VALUE} for none. */
    private long firstDeadline() {
        try (KeyValueIterator<String, SlaClock> it = clocks.all()) {
            return it.hasNext() ? Long.parseLong(it.next().key.substring(0, CLOCK_DIGITS)) : Long.MAX_VALUE;
        }
    }

    /** A clock that ran out: the lead's history noting it, and the alert that says so. */
    private record Breach(LeadHistory history, SpecificRecord alert) {
    }

    private Breach handoffBreach(LeadHistory history, SlaClock clock) {
        Instant handedOffAt = clock.getStartedAt();
        Duration sla = settings.slaFor(history.organization());
        Handoff handoff = history.summarize(sla).handoffs().stream()
                .filter(h -> h.handedOffAt().equals(handedOffAt)).findFirst().orElse(null);
        if (handoff == null || handoff.answeredInTime() || history.breachedHandoffs().contains(handedOffAt)) {
            return null;
        }
        Metrics.counter("entente.funnel.sla.breaches", "organization", history.organization()).increment();
        return new Breach(history.withBreach(handedOffAt), HandoffSlaBreached.newBuilder()
                .setOrganization(history.organization())
                .setLeadId(history.leadId())
                .setHandedOffAt(handedOffAt)
                .setHandedOffBy(handoff.handedOffBy() == null ? "" : handoff.handedOffBy())
                .setSlaMillis(sla.toMillis())
                .setBreachedAt(handoff.deadline())
                .build());
    }

    private Breach reviewBreach(LeadHistory history, SlaClock clock) {
        EngagementPolicy policy = settings.policy();
        CollateralRequest review = history.summarize(settings.slaFor(history.organization())).collateralReviews()
                .stream().filter(r -> r.collateralId().equals(clock.getCollateralId())).findFirst().orElse(null);
        if (review == null || review.approvedInTime(policy.collateralReviewSla())
                || history.breachedReviews().contains(review.collateralId())) {
            return null;
        }
        Metrics.counter("entente.funnel.collateral.review.breaches", "organization", history.organization())
                .increment();
        return new Breach(history.withReviewBreach(review.collateralId()), Engagements.request(settings.directory(),
                history.organization(), history.leadId(), EngagementPolicy.COLLATERAL_REVIEW_OVERDUE_RULE,
                "Collateral " + review.collateralId() + " has waited for Sales' review longer than "
                        + policy.collateralReviewSla() + ": it must not be printed before Sales approved it.",
                policy.collateralReviewRole(), review.requestEventId(), review.deadline(policy.collateralReviewSla())));
    }

    /** Reviews requested by this event: waiting for Sales now, unknown before. */
    private static List<CollateralRequest> newlyRequested(LeadSummary before, LeadSummary after) {
        if (after.collateralReviews().isEmpty()) {
            return List.of(); // most leads: no collateral at all
        }
        Set<String> known = before.collateralReviews().stream().map(CollateralRequest::collateralId)
                .collect(Collectors.toSet());
        return after.pendingCollateralReviews().stream().filter(r -> !known.contains(r.collateralId())).toList();
    }

    private EngagementRequested reviewRequested(LeadSummary lead, CollateralRequest review) {
        EngagementPolicy policy = settings.policy();
        return Engagements.request(settings.directory(), lead.organization(), lead.leadId(),
                EngagementPolicy.COLLATERAL_REVIEW_RULE, "Marketing asks Sales to review collateral "
                        + review.collateralId() + " before it is printed, by "
                        + review.deadline(policy.collateralReviewSla()) + ".",
                policy.collateralReviewRole(), review.requestEventId(), review.requestedAt());
    }

    /**
     * The clocks a lead needs, by store key: one per handoff neither answered in time nor already announced as
     * breached, one per collateral neither approved in time nor already announced as overdue.
     */
    private Map<String, SlaClock> clocksOf(LeadHistory history, LeadSummary summary) {
        if (summary.handoffs().isEmpty() && summary.collateralReviews().isEmpty()) {
            return Map.of(); // most leads: nothing to wait for
        }
        Map<String, SlaClock> needed = new HashMap<>();
        for (Handoff h : summary.handoffs()) {
            if (!h.answeredInTime() && !history.breachedHandoffs().contains(h.handedOffAt())) {
                put(needed, new SlaClock(history.organization(), history.leadId(), h.handedOffAt(), h.deadline(),
                        null));
            }
        }
        Duration reviewSla = settings.policy().collateralReviewSla();
        for (CollateralRequest r : summary.collateralReviews()) {
            if (!r.approvedInTime(reviewSla) && !history.breachedReviews().contains(r.collateralId())) {
                put(needed, new SlaClock(history.organization(), history.leadId(), r.requestedAt(),
                        r.deadline(reviewSla), r.collateralId()));
            }
        }
        return needed;
    }

    /**
     * A clock's store key sorts by deadline (a zero-padded epoch millisecond) and is unique per lead and clock. It is
     * only ever compared, never taken apart.
     */
    private static void put(Map<String, SlaClock> clocks, SlaClock clock) {
        clocks.put(String.join("|", clockPrefix(clock.getDeadline().toEpochMilli()),
                leadKey(clock.getOrganization(), clock.getLeadId()),
                Long.toString(clock.getStartedAt().toEpochMilli()),
                clock.getCollateralId() == null ? "" : clock.getCollateralId()), clock);
    }

    /** Starts and stops the lead's clocks; a new clock keeps the trace of the event that started it. */
    private void syncClocks(Map<String, SlaClock> before, Map<String, SlaClock> after, Headers cause) {
        before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(k -> {
            clocks.delete(k);
            tracing.forget(k);
        });
        after.forEach((k, clock) -> {
            if (!before.containsKey(k)) {
                clocks.put(k, clock);
                earliestDeadline = Math.min(earliestDeadline, Math.max(clock.getDeadline().toEpochMilli(), 0));
                tracing.remember(k, cause);
            }
        });
    }

    /** The deadline as 19 digits, zero-padded (by hand: {@code String.format} was a tenth of the stream thread's time). */
    static String clockPrefix(long deadlineMillis) {
        String digits = Long.toString(Math.max(deadlineMillis, 0));
        return "0".repeat(CLOCK_DIGITS - digits.length()) + digits;
    }

    private EngagementRequested engagement(LeadEvent event, EngagementRule rule) {
        return Engagements.request(settings.directory(), event.organization(), event.leadId(), rule.id(),
                rule.reason(), rule.contactRole(), event.eventId(), event.occurredAt());
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
