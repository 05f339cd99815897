package org.entente.advice.stream;

import java.time.Instant;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.entente.advice.domain.Advice;
import org.entente.advice.domain.Advisor;
import org.entente.advice.domain.AlignmentSignals;
import org.entente.events.AdviceGenerated;
import org.entente.events.AssessmentClosed;
import org.entente.events.AssessmentOpened;
import org.entente.events.StageClassified;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.EventDecodingException;
import org.entente.schemas.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advises on one input topic: stage revisions (advise on every newer revision, ignore older or repeated ones) or
 * assessment openings (remember the organization and its context answers, and re-advise on the latest revision when
 * the answers arrive after it or change). Messages that do not decode, or that make no sense, go to the input's
 * dead-letter topic with the reason.
 *
 * <p>Does not yet re-advise when only the funnel's alignment signals change; those are cited on the next revision.
 */
final class AdvisingProcessor implements Processor<String, byte[], String, Emission> {

    private static final Logger log = LoggerFactory.getLogger(AdvisingProcessor.class);

    private final Topic<? extends SpecificRecord> source;
    private ProcessorContext<String, Emission> context;
    private KeyValueStore<String, AssessmentOpened> assessments;
    private KeyValueStore<String, StageClassified> stages;
    private KeyValueStore<String, AdviceGenerated> advice;
    private AlignmentSignalsLookup signals;
    private HistoryRecorder history;

    AdvisingProcessor(Topic<? extends SpecificRecord> source) {
        this.source = source;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        this.context = context;
        this.assessments = context.getStateStore(AdviceTopology.ASSESSMENTS_STORE);
        this.stages = context.getStateStore(AdviceTopology.STAGES_STORE);
        this.advice = context.getStateStore(AdviceTopology.ADVICE_STORE);
        this.signals = new AlignmentSignalsLookup(context.getStateStore(AdviceTopology.SIGNALS_STORE));
        this.history = new HistoryRecorder(context.getStateStore(AdviceTopology.HISTORY_STORE));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        SpecificRecord event;
        try {
            event = source.valueSerde().deserializer().deserialize(source.name(), record.value());
        } catch (EventDecodingException e) {
            reject(record, e.failure().name(), e.getMessage());
            return;
        } catch (SerializationException e) {
            reject(record, "MALFORMED_BODY", e.getMessage());
            return;
        }
        if (event == null) {
            return; // a tombstone: nothing to advise on
        }
        if (event instanceof StageClassified stage) {
            onStage(record, stage);
        } else if (event instanceof AssessmentOpened opened) {
            onOpened(record, opened);
        } else if (!(event instanceof AssessmentClosed)) {
            reject(record, "UNEXPECTED_TYPE", event.getSchema().getFullName() + " is not expected on " + source);
        }
        // A closing needs nothing here: scoring follows it with a final StageClassified revision.
    }

    private void onStage(Record<String, byte[]> record, StageClassified stage) {
        String id = stage.getAssessmentId();
        if (id == null || id.isBlank() || stage.getRevision() < 0) {
            reject(record, "INVALID_EVENT", "a StageClassified needs an assessmentId and a revision of 0 or more");
            return;
        }
        StageClassified previous = stages.get(id);
        if (previous != null && stage.getRevision() <= previous.getRevision()) {
            log.debug("Ignoring revision {} of {}: revision {} is already advised", stage.getRevision(), id,
                    previous.getRevision());
            return;
        }
        stages.put(id, stage);
        advise(record, id, stage, assessments.get(id));
    }

    private void onOpened(Record<String, byte[]> record, AssessmentOpened opened) {
        String id = opened.getAssessmentId();
        if (id == null || id.isBlank()) {
            reject(record, "INVALID_EVENT", "an AssessmentOpened needs an assessmentId");
            return;
        }
        AssessmentOpened previous = assessments.get(id);
        if (Objects.equals(previous, opened)) {
            return;
        }
        assessments.put(id, opened);
        StageClassified stage = stages.get(id);
        if (previous != null && !Objects.equals(previous.getOrganization(), opened.getOrganization())) {
            history.forget(previous.getOrganization(), id);
        }
        if (stage != null) {
            advise(record, id, stage, opened);
        }
    }

    private void advise(Record<String, byte[]> record, String id, StageClassified stage, AssessmentOpened opened) {
        AlignmentSignals funnel = opened == null ? null : signals.forOrganization(opened.getOrganization());
        Advice domainAdvice = Advisor.advise(EventMapping.scores(stage),
                opened == null ? null : EventMapping.context(opened.getContext()), funnel);
        AdviceGenerated generated = EventMapping.adviceGenerated(id, domainAdvice,
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        advice.put(id, generated);
        if (opened != null) {
            history.record(opened, stage);
        }
        context.forward(new Record<String, Emission>(id, new Emission.Advised(generated), record.timestamp()));
    }

    private void reject(Record<String, byte[]> record, String code, String reason) {
        RecordMetadata where = context.recordMetadata().orElse(null);
        log.warn("Rejecting a message from {} to {}: {} ({})", source, source.dlq(), reason, code);
        var headers = DeadLetters.deadLetter(record.headers(), code, reason, source.name(),
                where == null ? -1 : where.partition(), where == null ? -1 : where.offset(), "advice-service");
        context.forward(new Record<String, Emission>(record.key(), new Emission.Rejected(record.value()),
                record.timestamp(), headers));
    }
}
