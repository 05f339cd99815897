package org.entente.scoring.stream;

import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.entente.events.AssessmentClosed;
import org.entente.events.AssessmentOpened;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.EventDecodingException;
import org.entente.schemas.Topic;
import org.entente.schemas.Topics;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.AssessmentLedger.Outcome;
import org.entente.scoring.domain.AssessmentTerms;
import org.entente.scoring.domain.Classification;
import org.entente.scoring.domain.Rejection;
import org.entente.scoring.domain.RespondentEntry;

/**
 * Reads the raw bytes of both the assessments and the responses topic (same key, same partition, so one task sees
 * an assessment's opening, its responses and its closing in order), keeps one small {@link AssessmentLedger} per
 * assessment (running sums, not the answers) and one {@link RespondentEntry} per respondent in the state stores,
 * and publishes {@code StageClassified} revisions as the score changes, and the final one when the assessment
 * closes.
 *
 * <p>Each response costs the same however many respondents the assessment has: one ledger and one respondent are
 * read and written back, and nothing is classified. The assessments whose responses changed are remembered, and
 * once per commit interval (a wall-clock punctuation, inside the same exactly-once transaction as the records
 * processed before it) each of them is classified once and, if what it says changed, published as the next
 * revision: the responses that arrive within one commit interval go out together, as the design allows. A closing
 * publishes the final revision at once, with everything counted so far. Changes counted but not yet published when
 * an instance stops are found again on start (the stored ledger says its counted sums differ from the published
 * ones), so a revision is never lost; revisions grow by one per published update.
 *
 * <p>Anything it cannot count goes to the source topic's dead-letter topic with the original key and bytes and
 * {@link DeadLetters} headers: bytes that do not decode, responses for an assessment it has not seen opened (or
 * that has closed), and responses that break a validity rule. A repeated responseId is not an error and is dropped
 * silently.
 *
 * <p>A response for an assessment not (yet) opened is a dead letter rather than held back: both topics share the key
 * and partition count, and Kafka Streams takes records from a task's partitions in timestamp order, so an opening
 * published before its responses (as survey-service does: it answers 201 only once the broker has the opening) is
 * always processed first. What remains are responses for assessments that do not exist, or that another application
 * stamped with a time before the opening; holding them would let anyone grow the store without bound. They stay in
 * the dead-letter topic, with their original bytes, to be replayed if need be.
 */
final class ScoringProcessor implements Processor<String, byte[], String, Outbound> {

    static final String REJECTED_BY = "scoring-service";

    /** The commit interval Kafka Streams uses under exactly-once when none is configured. */
    private static final long DEFAULT_INTERVAL_MS = 100;

    private final String ledgerStoreName;
    private final String respondentStoreName;
    private final Clock clock;
    private ProcessorContext<String, Outbound> context;
    private KeyValueStore<String, AssessmentLedger> ledgers;
    private KeyValueStore<String, RespondentEntry> respondents;
    /** Assessments with responses counted since the last punctuation, with the time of the latest one. */
    private final Map<String, Long> changed = new LinkedHashMap<>();
    private boolean lookedForUnpublished;
    /**
     * The punctuation, scheduled only while something waits to be published: a punctuation that fires makes Kafka
     * Streams commit a transaction, and an idle service should not commit ten of them a second.
     */
    private Cancellable punctuation;

    ScoringProcessor(String ledgerStoreName, String respondentStoreName, Clock clock) {
        this.ledgerStoreName = ledgerStoreName;
        this.respondentStoreName = respondentStoreName;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
        this.ledgers = context.getStateStore(ledgerStoreName);
        this.respondents = context.getStateStore(respondentStoreName);
        this.changed.clear();
        this.lookedForUnpublished = false;
        this.punctuation = null;
        schedulePublishing(); // the first one also looks for changes left unpublished by a stop
    }

    private void schedulePublishing() {
        if (punctuation == null) {
            punctuation = context.schedule(Duration.ofMillis(commitInterval(context.appConfigs())),
                    PunctuationType.WALL_CLOCK_TIME, this::publishChanges);
        }
    }

    private void stopPublishing() {
        if (punctuation != null) {
            punctuation.cancel();
            punctuation = null;
        }
    }

    static long commitInterval(Map<String, Object> appConfigs) {
        Object configured = appConfigs.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        long interval = configured == null ? DEFAULT_INTERVAL_MS : Long.parseLong(configured.toString());
        return Math.max(1, interval);
    }

    /**
     * Once per commit interval: each assessment whose responses changed is classified once and, when that changes
     * what its last revision said, published as the next revision. The first time, it also looks through the store
     * for changes counted before a restart and not yet published.
     */
    private void publishChanges(long now) {
        if (!lookedForUnpublished) {
            lookedForUnpublished = true;
            try (KeyValueIterator<String, AssessmentLedger> all = ledgers.all()) {
                while (all.hasNext()) {
                    KeyValue<String, AssessmentLedger> next = all.next();
                    if (!next.value.isClosed() && !next.value.counted().equals(next.value.published())) {
                        changed.putIfAbsent(next.key, now);
                    }
                }
            }
        }
        if (changed.isEmpty()) {
            stopPublishing();
            return;
        }
        for (Map.Entry<String, Long> entry : changed.entrySet()) {
            AssessmentLedger ledger = ledgers.get(entry.getKey());
            if (ledger == null) {
                continue;
            }
            Optional<Classification> classification = ledger.unpublished();
            if (classification.isPresent()) {
                publish(entry.getValue(), ledger, classification.get(), false);
                ledgers.put(entry.getKey(), ledger);
            }
        }
        changed.clear();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(Topics.RESPONSES.name());
        if (Topics.ASSESSMENTS.name().equals(topic)) {
            onAssessmentEvent(record);
        } else {
            onResponse(record);
        }
    }

    private void onAssessmentEvent(Record<String, byte[]> record) {
        SpecificRecord event;
        try {
            event = Topics.ASSESSMENTS.valueSerde().deserializer().deserialize(Topics.ASSESSMENTS.name(), record.value());
        } catch (EventDecodingException e) {
            deadLetter(Topics.ASSESSMENTS, record, e.failure().name(), e.getMessage());
            return;
        }
        if (event == null) {
            return;
        }
        if (event instanceof AssessmentOpened opened) {
            onOpened(record, opened);
        } else if (event instanceof AssessmentClosed closed) {
            onClosed(record, closed);
        }
    }

    private void onOpened(Record<String, byte[]> record, AssessmentOpened opened) {
        if (!opened.getAssessmentId().equals(record.key())) {
            deadLetter(Topics.ASSESSMENTS, record, Rejection.INVALID_EVENT, "key " + record.key()
                    + " is not the assessmentId " + opened.getAssessmentId());
            return;
        }
        if (ledgers.get(record.key()) != null) {
            return; // opened twice: the first opening holds
        }
        AssessmentTerms terms;
        try {
            terms = EventMapping.terms(opened);
        } catch (IllegalArgumentException e) {
            deadLetter(Topics.ASSESSMENTS, record, Rejection.INVALID_EVENT, e.getMessage());
            return;
        }
        ledgers.put(record.key(), AssessmentLedger.open(terms));
    }

    private void onClosed(Record<String, byte[]> record, AssessmentClosed closed) {
        AssessmentLedger ledger = record.key() == null ? null : ledgers.get(record.key());
        if (ledger == null || !closed.getAssessmentId().equals(record.key())) {
            deadLetter(Topics.ASSESSMENTS, record, Rejection.UNKNOWN_ASSESSMENT,
                    "closing of assessment " + closed.getAssessmentId() + ", which was never opened");
            return;
        }
        if (!ledger.close()) {
            return; // closed twice
        }
        // at once, with every response counted so far, published or not
        ledger.current().ifPresent(c -> publish(record.timestamp(), ledger, c, true));
        ledgers.put(record.key(), ledger);
    }

    private void onResponse(Record<String, byte[]> record) {
        SurveyResponseSubmitted response;
        try {
            response = Topics.RESPONSES.valueSerde().deserializer().deserialize(Topics.RESPONSES.name(), record.value());
        } catch (EventDecodingException e) {
            deadLetter(Topics.RESPONSES, record, e.failure().name(), e.getMessage());
            return;
        }
        if (response == null) {
            deadLetter(Topics.RESPONSES, record, Rejection.INVALID_EVENT, "an empty message is not a response");
            return;
        }
        if (!response.getAssessmentId().equals(record.key())) {
            deadLetter(Topics.RESPONSES, record, Rejection.INVALID_EVENT, "key " + record.key()
                    + " is not the assessmentId " + response.getAssessmentId()
                    + "; responses must be keyed by their assessmentId");
            return;
        }
        AssessmentLedger ledger = ledgers.get(record.key());
        if (ledger == null) {
            deadLetter(Topics.RESPONSES, record, Rejection.UNKNOWN_ASSESSMENT,
                    "no assessment " + response.getAssessmentId() + " has been opened");
            return;
        }
        StoredRespondents ofAssessment = new StoredRespondents(respondents, record.key());
        for (RespondentEntry carried : ledger.takeCarriedOver()) {
            ofAssessment.save(carried); // a ledger stored in the earlier layout: its respondents move out
        }
        Outcome outcome = ledger.submit(EventMapping.submission(response), ofAssessment);
        if (outcome instanceof Outcome.Rejected rejected) {
            deadLetter(Topics.RESPONSES, record, rejected.rejection().code(), rejected.rejection().message());
        } else if (outcome instanceof Outcome.Counted) {
            ledgers.put(record.key(), ledger);
            changed.put(record.key(), record.timestamp()); // published at the next punctuation
            schedulePublishing();
        }
        // a Duplicate was counted once already; a Superseded one changed only its respondent's entry
    }

    private void publish(long timestamp, AssessmentLedger ledger, Classification classification, boolean isFinal) {
        long revision = ledger.nextRevision(isFinal);
        var event = EventMapping.stageClassified(ledger.terms().assessmentId(), revision, isFinal, classification,
                clock.instant());
        byte[] bytes = Topics.STAGES.valueSerde().serializer().serialize(Topics.STAGES.name(), event);
        context.forward(new Record<>(ledger.terms().assessmentId(), new Outbound(Topics.STAGES.name(), bytes),
                timestamp, new RecordHeaders()));
    }

    private void deadLetter(Topic<?> source, Record<String, byte[]> record, String reasonCode, String reason) {
        RecordMetadata where = context.recordMetadata().orElseThrow();
        var headers = DeadLetters.deadLetter(record.headers(), reasonCode, reason, where.topic(), where.partition(),
                where.offset(), REJECTED_BY);
        context.forward(new Record<>(record.key(), new Outbound(source.dlq(), record.value()), record.timestamp(),
                headers));
    }
}
