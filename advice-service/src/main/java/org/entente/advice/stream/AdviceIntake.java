package org.entente.advice.stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.entente.events.AssessmentClosed;
import org.entente.events.AssessmentOpened;
import org.entente.events.StageClassified;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.EventDecodingException;
import org.entente.schemas.Origin;
import org.entente.schemas.OriginPrefix;
import org.entente.schemas.Topic;
import org.entente.schemas.Topics;
import org.entente.support.streams.Arrival;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * advice-service's first step on each input topic as it was published (stage revisions by scoring-service, openings
 * by survey-service, or either by any other client with any partitioner): what does not decode or makes no sense
 * goes to the input's dead-letter topic at once, naming the partition and offset it was published at; every
 * revision and opening passes on unchanged (bytes, timestamp, headers), with its {@link Origin} in front of its bytes
 * ({@link OriginPrefix}), keyed by the
 * assessmentId it names, to be brought onto advice's own partitioning by the {@link #REPARTITION} step, where an
 * assessment's opening and revisions meet in one task. Closings and tombstones carry nothing advice needs and stop
 * here.
 */
final class AdviceIntake implements Processor<String, byte[], String, Emission> {

    /** The name of the repartition step (its topic: {@code <application id>-advice-intake-repartition}). */
    static final String REPARTITION = "advice-intake";

    static final String REJECTED_BY = "advice-service";

    private static final Logger log = LoggerFactory.getLogger(AdviceIntake.class);

    /** What the intake rules make of one message: an event to advise on, nothing to do, or a rejection. */
    record Checked(SpecificRecord event, String assessmentId, String code, String reason) {

        static Checked ignored() {
            return new Checked(null, null, null, null);
        }

        static Checked rejected(String code, String reason) {
            return new Checked(null, null, code, reason);
        }

        boolean isRejected() {
            return code != null;
        }
    }

    private final Topic<? extends SpecificRecord> source;
    private ProcessorContext<String, Emission> context;

    AdviceIntake(Topic<? extends SpecificRecord> source) {
        this.source = source;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Origin origin = Arrival.here(context);
        Checked checked = check(source, record.value());
        if (checked.isRejected()) {
            context.forward(rejected(record, origin, checked.code(), checked.reason()));
        } else if (checked.event() != null) {
            // the publisher's headers pass on as they are; the origin travels in front of the bytes
            context.forward(new Record<String, Emission>(checked.assessmentId(),
                    new Emission.Accepted(OriginPrefix.prefix(origin, record.value())), record.timestamp(),
                    record.headers()));
        }
    }

    /**
     * The intake rules for one message of {@code source}. The advising step after the repartition reads the event
     * through here too, so both steps decode alike.
     */
    static Checked check(Topic<? extends SpecificRecord> source, byte[] value) {
        SpecificRecord event;
        try {
            event = source.valueSerde().deserializer().deserialize(source.name(), value);
        } catch (EventDecodingException e) {
            return Checked.rejected(e.failure().name(), e.getMessage());
        } catch (SerializationException e) {
            return Checked.rejected("MALFORMED_BODY", e.getMessage());
        }
        if (event == null || event instanceof AssessmentClosed) {
            return Checked.ignored(); // a scoring's final revision follows a closing: nothing to do here
        }
        if (event instanceof StageClassified stage) {
            if (blank(stage.getAssessmentId()) || stage.getRevision() < 0) {
                return Checked.rejected("INVALID_EVENT",
                        "a StageClassified needs an assessmentId and a revision of 0 or more");
            }
            return new Checked(stage, stage.getAssessmentId(), null, null);
        }
        if (event instanceof AssessmentOpened opened) {
            if (blank(opened.getAssessmentId())) {
                return Checked.rejected("INVALID_EVENT", "an AssessmentOpened needs an assessmentId");
            }
            return new Checked(opened, opened.getAssessmentId(), null, null);
        }
        return Checked.rejected("UNEXPECTED_TYPE", event.getSchema().getFullName() + " is not expected on " + source);
    }

    private static boolean blank(String id) {
        return id == null || id.isBlank();
    }

    /** The topic of the two inputs that {@code topic} names. */
    static Topic<? extends SpecificRecord> sourceOf(String topic) {
        return Topics.ASSESSMENTS.name().equals(topic) ? Topics.ASSESSMENTS : Topics.STAGES;
    }

    /**
     * {@code record} as a dead letter of the topic it was published to: key and bytes as they were, the publisher's
     * headers and the {@link DeadLetters} headers naming {@code origin}. Logged and counted.
     */
    static Record<String, Emission> rejected(Record<String, byte[]> record, Origin origin, String code,
            String reason) {
        Topic<? extends SpecificRecord> source = sourceOf(origin.topic());
        log.warn("Rejecting a message from {} to {}: {} ({})", source, source.dlq(), reason, code);
        var headers = DeadLetters.deadLetter(Origin.without(record.headers()), code, reason, origin.topic(),
                origin.partition(), origin.offset(), REJECTED_BY);
        return new Record<>(record.key(), new Emission.Rejected(source.dlq(), record.value()), record.timestamp(),
                headers);
    }
}
