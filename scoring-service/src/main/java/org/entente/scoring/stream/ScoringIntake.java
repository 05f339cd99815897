package org.entente.scoring.stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.entente.events.AssessmentClosed;
import org.entente.events.AssessmentOpened;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.EventDecodingException;
import org.entente.schemas.Origin;
import org.entente.schemas.OriginPrefix;
import org.entente.schemas.Topic;
import org.entente.schemas.Topics;
import org.entente.scoring.domain.Rejection;
import org.entente.support.streams.Arrival;

/**
 * Scoring's first step, on the assessments and responses topics as they were published (by survey-service, or by
 * any application with any partitioner): what no task could ever score (bytes that do not decode, an empty
 * response, a key that is not the event's assessmentId) goes to the source topic's dead-letter topic at once, with
 * the topic, partition and offset it was published at; everything else passes on unchanged (same key, bytes,
 * timestamp and headers), with its {@link Origin} in front of its bytes ({@link OriginPrefix}), to be brought onto
 * scoring's own partitioning by the {@link #REPARTITION} step.
 *
 * <p>It keeps no state and does not look at whether an assessment is open: that is decided after the repartition,
 * where an assessment's opening, closing and responses meet in one task ({@link ScoringProcessor}).
 *
 * <p>Each message is decoded twice, here and after the repartition. The repartition cannot spare the second: what
 * crosses it is bytes on a topic, which the other side must decode whatever they hold, and they must hold the original
 * bytes anyway (a dead letter or a parked response carries them as published). Leaving the decoding to the processor
 * alone would spare the first, since the origin stamp names the published topic, partition and offset after the
 * repartition too; but then undecodable messages would travel through the repartition, and scoring's intake would
 * judge less than advice's and funnel's, which dead-letter what does not decode before their repartitions. Both
 * decodings of a response go through the hand-written reader of its current version ({@link EventLayouts}), about
 * twice as fast as Avro's reader.
 */
final class ScoringIntake implements Processor<String, byte[], String, Outbound> {

    /** The name of the repartition step, and so of its topic ({@code <application id>-scoring-intake-repartition}). */
    static final String REPARTITION = "scoring-intake";

    /** What the intake rules make of one message. */
    sealed interface Checked {
        /** It may be scored; {@code event} is null for a tombstone on the assessments topic (nothing to do). */
        record Accepted(SpecificRecord event) implements Checked {
        }

        /** It never can be. */
        record Rejected(String code, String reason) implements Checked {
        }
    }

    private ProcessorContext<String, Outbound> context;

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Origin origin = Arrival.here(context);
        Checked checked = check(origin.topic(), record.key(), record.value());
        if (checked instanceof Checked.Rejected rejected) {
            context.forward(deadLetter(record, origin, rejected.code(), rejected.reason()));
        } else if (((Checked.Accepted) checked).event() != null) {
            // the publisher's headers pass on as they are; ours is none (the origin travels in the value)
            context.forward(record.withValue(new Outbound(REPARTITION, OriginPrefix.prefix(origin, record.value()))));
        }
    }

    /**
     * The intake rules for one message of {@code topic} (the assessments or the responses topic). The processor
     * after the repartition reads the event through here too, so both steps decode by the same rules.
     */
    static Checked check(String topic, String key, byte[] value) {
        Topic<? extends SpecificRecord> source = sourceOf(topic);
        SpecificRecord event;
        try {
            event = source == Topics.RESPONSES ? EventLayouts.readResponse(value)
                    : source.valueSerde().deserializer().deserialize(source.name(), value);
        } catch (EventDecodingException e) {
            return new Checked.Rejected(e.failure().name(), e.getMessage());
        }
        if (event == null) {
            return source == Topics.RESPONSES
                    ? new Checked.Rejected(Rejection.INVALID_EVENT, "an empty message is not a response")
                    : new Checked.Accepted(null);
        }
        String assessmentId = assessmentIdOf(event);
        if (!assessmentId.equals(key)) {
            return new Checked.Rejected(Rejection.INVALID_EVENT, "key " + key + " is not the assessmentId "
                    + assessmentId + "; " + source.name() + " must be keyed by assessmentId");
        }
        return new Checked.Accepted(event);
    }

    private static String assessmentIdOf(SpecificRecord event) {
        if (event instanceof AssessmentOpened opened) {
            return opened.getAssessmentId();
        } else if (event instanceof AssessmentClosed closed) {
            return closed.getAssessmentId();
        }
        return ((SurveyResponseSubmitted) event).getAssessmentId();
    }

    static Topic<? extends SpecificRecord> sourceOf(String topic) {
        return Topics.ASSESSMENTS.name().equals(topic) ? Topics.ASSESSMENTS : Topics.RESPONSES;
    }

    /**
     * {@code record} as a dead letter of the topic it was published to: its key and bytes as they were, the
     * publisher's headers and the {@link DeadLetters} headers naming {@code origin}. Counted in the dead-letter
     * metric.
     */
    static Record<String, Outbound> deadLetter(Record<String, byte[]> record, Origin origin, String code,
            String reason) {
        var headers = DeadLetters.deadLetter(Origin.without(record.headers()), code, reason, origin.topic(),
                origin.partition(), origin.offset(), ScoringProcessor.REJECTED_BY);
        return new Record<>(record.key(), new Outbound(sourceOf(origin.topic()).dlq(), record.value()),
                record.timestamp(), headers);
    }
}
