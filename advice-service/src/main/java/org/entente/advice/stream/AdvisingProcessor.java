package org.entente.advice.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.entente.advice.domain.Advice;
import org.entente.advice.domain.Advisor;
import org.entente.advice.domain.AlignmentSignals;
import org.entente.events.AdviceGenerated;
import org.entente.events.AssessmentOpened;
import org.entente.events.StageClassified;
import org.entente.schemas.Origin;
import org.entente.support.streams.Arrival;
import org.entente.support.tracing.StreamTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advises on stage revisions and assessment openings after {@link AdviceIntake} brought both onto advice's own
 * partitioning (one repartition topic keyed by assessmentId), so an assessment's opening and its revisions meet
 * here whichever producer and partitioner published them. Stage revisions: advise on every newer revision, ignore
 * older or repeated ones. Openings: remember the organization and its context answers, and advise on the latest
 * revision when the answers arrive after it (or re-advise when they change).
 *
 * <p><b>Ordering across producers.</b> Nothing fixes whether an assessment's opening or its first revision arrives
 * first: they are published to different topics by different services. The rule: a revision that arrives before its
 * assessment's opening is not advised at once (context-less advice would be wrong for most contexts) but waits for
 * the opening, up to the grace period ({@code entente.advice.opening-grace}, 30 s by default): the opening arriving
 * within it, the waiting revision is advised with the context answers; after it, the revision is advised without
 * them (the rationale says they have not arrived), and re-advised with them when the opening comes at last. Only
 * the latest revision waits (one per assessment). Guaranteed: the revisions scoring published in order are taken
 * in order (one producer, one key); an older or repeated revision is never advised.
 *
 * <p><b>Tracing</b> (best-effort): an advice continues the W3C trace of the revision it advises, kept in this task's
 * memory only ({@link StreamTracing}); an advice given after a restart or a rebalance starts a new trace.
 *
 * <p>Does not yet re-advise when only the funnel's alignment signals change; those are cited on the next revision.
 */
final class AdvisingProcessor implements Processor<String, byte[], String, Emission> {

    private static final Logger log = LoggerFactory.getLogger(AdvisingProcessor.class);

    private final Duration grace;
    private ProcessorContext<String, Emission> context;
    private KeyValueStore<String, AssessmentOpened> assessments;
    private KeyValueStore<String, StageClassified> stages;
    private KeyValueStore<String, AdviceGenerated> advice;
    /** Assessments whose latest revision waits for the opening: the wall-clock time it began to wait. */
    private KeyValueStore<String, Long> waiting;
    private AlignmentSignalsLookup signals;
    private HistoryRecorder history;
    /** The punctuation that ends the waits, scheduled only while a revision waits. */
    private Cancellable expiry;
    private StreamTracing tracing;

    AdvisingProcessor(Duration grace) {
        this.grace = grace;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        this.context = context;
        this.tracing = StreamTracing.of(context, "advice-service advise");
        this.assessments = context.getStateStore(AdviceTopology.ASSESSMENTS_STORE);
        this.stages = context.getStateStore(AdviceTopology.STAGES_STORE);
        this.advice = context.getStateStore(AdviceTopology.ADVICE_STORE);
        this.waiting = context.getStateStore(AdviceTopology.WAITING_STORE);
        this.signals = new AlignmentSignalsLookup(context.getStateStore(AdviceTopology.SIGNALS_STORE));
        this.history = new HistoryRecorder(context.getStateStore(AdviceTopology.HISTORY_STORE));
        this.expiry = null;
        try (KeyValueIterator<String, Long> any = waiting.all()) {
            if (any.hasNext()) {
                scheduleExpiry();
            }
        }
    }

    @Override
    public void process(Record<String, byte[]> repartitioned) {
        Arrival arrival = Arrival.of(repartitioned, context);
        Record<String, byte[]> record = arrival.record();
        Origin origin = arrival.origin();
        AdviceIntake.Checked checked = AdviceIntake.check(AdviceIntake.sourceOf(origin.topic()), record.value());
        if (checked.isRejected()) { // the intake step let it through: not expected
            context.forward(AdviceIntake.rejected(record, origin, checked.code(), checked.reason()));
            return;
        }
        SpecificRecord event = checked.event();
        if (event instanceof StageClassified stage) {
            onStage(record, stage);
        } else if (event instanceof AssessmentOpened opened) {
            onOpened(record, opened);
        }
    }

    private void onStage(Record<String, byte[]> record, StageClassified stage) {
        String id = stage.getAssessmentId();
        StageClassified previous = stages.get(id);
        if (previous != null && stage.getRevision() <= previous.getRevision()) {
            log.debug("Ignoring revision {} of {}: revision {} is already advised", stage.getRevision(), id,
                    previous.getRevision());
            return;
        }
        stages.put(id, stage);
        tracing.remember(id, record.headers());
        AssessmentOpened opened = assessments.get(id);
        if (opened == null) {
            waitForOpening(id);
            return;
        }
        advise(record.timestamp(), id, stage, opened);
    }

    private void onOpened(Record<String, byte[]> record, AssessmentOpened opened) {
        String id = opened.getAssessmentId();
        AssessmentOpened previous = assessments.get(id);
        if (Objects.equals(previous, opened)) {
            return;
        }
        assessments.put(id, opened);
        waiting.delete(id);
        StageClassified stage = stages.get(id);
        if (previous != null && !Objects.equals(previous.getOrganization(), opened.getOrganization())) {
            history.forget(previous.getOrganization(), id);
        }
        if (stage != null) {
            advise(record.timestamp(), id, stage, opened);
        }
    }

    private void waitForOpening(String id) {
        if (waiting.get(id) == null) {
            waiting.put(id, context.currentSystemTimeMs());
        }
        scheduleExpiry();
    }

    private void scheduleExpiry() {
        if (expiry == null) {
            expiry = context.schedule(Duration.ofMillis(Math.max(1, Math.min(grace.toMillis(), 1000))),
                    PunctuationType.WALL_CLOCK_TIME, this::endWaits);
        }
    }

    /** Revisions that waited the whole grace period for their opening are advised without the context answers. */
    private void endWaits(long now) {
        List<String> due = new ArrayList<>();
        boolean more = false;
        try (KeyValueIterator<String, Long> all = waiting.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> next = all.next();
                if (next.value + grace.toMillis() <= now) {
                    due.add(next.key);
                } else {
                    more = true;
                }
            }
        }
        for (String id : due) {
            waiting.delete(id);
            StageClassified stage = stages.get(id);
            if (stage != null) {
                advise(now, id, stage, null);
            }
        }
        if (!more) {
            expiry.cancel();
            expiry = null;
        }
    }

    private void advise(long timestamp, String id, StageClassified stage, AssessmentOpened opened) {
        AlignmentSignals funnel = opened == null ? null : signals.forOrganization(opened.getOrganization());
        Advice domainAdvice = Advisor.advise(EventMapping.scores(stage),
                opened == null ? null : EventMapping.context(opened.getContext()), funnel);
        AdviceGenerated generated = EventMapping.adviceGenerated(id, domainAdvice,
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        advice.put(id, generated);
        if (opened != null) {
            history.record(opened, stage);
        }
        context.forward(new Record<String, Emission>(id, new Emission.Advised(generated), timestamp,
                tracing.headersFor(id)));
    }
}
