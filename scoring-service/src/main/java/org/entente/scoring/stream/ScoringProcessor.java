package org.entente.scoring.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.entente.schemas.Origin;
import org.entente.schemas.OriginPrefix;
import org.entente.schemas.Topics;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.AssessmentLedger.Outcome;
import org.entente.scoring.domain.AssessmentTerms;
import org.entente.scoring.domain.Rejection;
import org.entente.scoring.domain.RespondentEntry;
import org.entente.support.streams.Arrival;
import org.entente.support.tracing.StreamTracing;

/**
 * Reads the assessments' and responses' messages after {@link ScoringIntake} brought them onto scoring's own
 * partitioning (one repartition topic keyed by assessmentId, so one task sees an assessment's opening, closing and
 * responses whatever partitioner their producers used), keeps one small {@link AssessmentLedger} per assessment
 * (running sums, not the answers) and one {@link RespondentEntry} per respondent in the state stores, and publishes
 * {@code StageClassified} revisions as the score changes, and the final one when the assessment closes.
 * Which changes a revision may carry is the ledger's publication rule ({@link AssessmentLedger}): each function
 * changes by none or by at least the anonymity threshold of respondents from one revision to the next.
 *
 * <p>Each response costs the same however many respondents the assessment has: one ledger and one respondent are
 * read and written back, and nothing is classified. The assessments whose responses changed are remembered, and
 * once per commit interval (a wall-clock punctuation, inside the same exactly-once transaction as the records
 * processed before it) each of them is classified once and, if the rule allows a revision that says something new,
 * published as the next one: the responses that arrive within one commit interval go out together, as the design
 * allows, and changes too small to publish wait for more. A closing publishes the final revision at once, with
 * everything the rule allows and a count of what it holds back. Changes counted but not yet published when an
 * instance stops are found again on start (the stored ledger says how many respondents differ from its published
 * sets), so a revision is never lost; revisions grow by one per published update.
 *
 * <p>Anything it cannot count goes to the dead-letter topic of the topic it was published to, with the original key,
 * bytes and headers and {@code DeadLetters} headers naming the topic, partition and offset it was published at (the
 * {@link OriginPrefix} the intake put in front of its bytes): responses for an assessment never opened (or that has
 * closed), responses that break a validity rule, openings with impossible terms. A repeated responseId is not an
 * error and is dropped silently.
 *
 * <p><b>Tracing</b> (best-effort): a revision continues the W3C trace of the latest response it counts (or of the
 * closing, for the final one), kept in this task's memory only ({@link StreamTracing}); a revision published after
 * a restart or a rebalance starts a new trace.
 *
 * <p><b>Ordering across producers.</b> Kafka keeps order only within one partition, and the repartition keeps it
 * only for what one producer wrote to one partition; between the assessments topic and the responses topic, or
 * between two producers, nothing fixes the order in which messages reach this processor. So:
 * <ul>
 *   <li>Guaranteed: an assessment's opening, closing (and any repeat) are taken in the order survey-service
 *   published them (one producer, one key, one partition). The responses one producer published to one partition
 *   are taken in that order.</li>
 *   <li>Guaranteed: a response that arrives before its assessment's opening is parked, not rejected, and counted
 *   when the opening comes (the parked ones in the order they arrived), provided the opening comes within the grace
 *   period ({@link IntakeSettings}, 30 s by default); after it, or when the parking lot is full, it is an
 *   {@code UNKNOWN_ASSESSMENT} dead letter (to be replayed from the dead-letter topic if need be).</li>
 *   <li>Guaranteed: a response submitted ({@code submittedAt}) after the assessment's {@code closedAt} never counts
 *   in the final revision: arriving after the closing it is an {@code ASSESSMENT_CLOSED} dead letter; arriving before
 *   it (through another partition), it is counted until the closing takes it back out, before the final revision is
 *   published. An interim revision may have included it.</li>
 *   <li>Not guaranteed: which of one respondent's submissions counts when two producers send them with the same
 *   {@code submittedAt} (the later-processed one wins; by {@code submittedAt}, the later one always wins); which
 *   interim revisions are published (responses are coalesced per commit interval in arrival order). A respondent
 *   whose pre-closing submission was replaced by a post-closing one that arrived first is left out of the final
 *   revision (the replaced answers are not kept); its response stays in its topic to be replayed.</li>
 * </ul>
 */
final class ScoringProcessor implements Processor<String, byte[], String, Outbound> {

    static final String REJECTED_BY = "scoring-service";

    /** The commit interval Kafka Streams uses under exactly-once when none is configured. */
    private static final long DEFAULT_INTERVAL_MS = 100;

    private final String ledgerStoreName;
    private final String respondentStoreName;
    private final String parkedStoreName;
    private final Duration grace;
    private final int parkingCapacity;
    private final Clock clock;
    private ProcessorContext<String, Outbound> context;
    private StoredLedgers ledgers;
    private KeyValueStore<String, RespondentEntry> respondents;
    /** Assessments with responses counted since the last punctuation, with the time of the latest one. */
    private final Map<String, Long> changed = new LinkedHashMap<>();
    private boolean lookedForUnpublished;
    /**
     * The punctuation, scheduled only while something waits to be published: a punctuation that fires makes Kafka
     * Streams commit a transaction, and an idle service should not commit ten of them a second.
     */
    private Cancellable punctuation;

    private ParkedResponses parked;
    /** How many responses are parked in this task. */
    private int parkedCount;
    /** The punctuation that expires parked responses, scheduled only while some are parked. */
    private Cancellable expiry;
    private StreamTracing tracing;

    ScoringProcessor(String ledgerStoreName, String respondentStoreName, String parkedStoreName, IntakeSettings intake,
            Clock clock) {
        this.ledgerStoreName = ledgerStoreName;
        this.respondentStoreName = respondentStoreName;
        this.parkedStoreName = parkedStoreName;
        this.grace = intake.unknownAssessmentGrace();
        this.parkingCapacity = intake.parkingCapacity();
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
        this.tracing = StreamTracing.of(context, "scoring-service score");
        this.ledgers = new StoredLedgers(context.getStateStore(ledgerStoreName));
        this.respondents = context.getStateStore(respondentStoreName);
        this.changed.clear();
        this.lookedForUnpublished = false;
        this.punctuation = null;
        schedulePublishing(); // the first one also looks for changes left unpublished by a stop
        this.parked = new ParkedResponses(context.getStateStore(parkedStoreName));
        this.expiry = null;
        this.parkedCount = parked.count(); // the store is restored before a processor is initialized
        if (parkedCount > 0) {
            scheduleExpiry();
        }
    }

    @Override
    public void close() {
        ledgers.forget();
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
                    if (!next.value.isClosed() && next.value.hasUnpublishedChanges()) {
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
            AssessmentLedger ledger = ledgers.take(entry.getKey());
            if (ledger == null) {
                continue;
            }
            Optional<AssessmentLedger.Revision> revision = ledger.publishChanges();
            if (revision.isPresent()) {
                publish(entry.getValue(), ledger, revision.get());
                ledgers.put(entry.getKey(), ledger);
            } else {
                ledgers.giveBack(entry.getKey(), ledger); // nothing to publish leaves the ledger as it was
            }
        }
        changed.clear();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Arrival arrival = Arrival.of(record, context);
        score(arrival.record(), arrival.origin());
    }

    /** {@code record} holds the bytes as they were published to {@code origin}. */
    private void score(Record<String, byte[]> record, Origin origin) {
        ScoringIntake.Checked checked = ScoringIntake.check(origin.topic(), record.key(), record.value());
        if (checked instanceof ScoringIntake.Checked.Rejected rejected) {
            // the intake step let it through: not expected
            deadLetter(record, origin, rejected.code(), rejected.reason());
            return;
        }
        SpecificRecord event = ((ScoringIntake.Checked.Accepted) checked).event();
        if (event instanceof AssessmentOpened opened) {
            onOpened(record, origin, opened);
        } else if (event instanceof AssessmentClosed closed) {
            onClosed(record, origin, closed);
        } else if (event instanceof SurveyResponseSubmitted response) {
            onResponse(record, origin, response);
        }
    }

    private void onOpened(Record<String, byte[]> record, Origin origin, AssessmentOpened opened) {
        if (ledgers.contains(record.key())) {
            return; // opened twice: the first opening holds
        }
        AssessmentTerms terms;
        try {
            terms = EventMapping.terms(opened);
        } catch (IllegalArgumentException e) {
            deadLetter(record, origin, Rejection.INVALID_EVENT, e.getMessage());
            return;
        }
        ledgers.put(record.key(), AssessmentLedger.open(terms));
        takeParkedResponses(record.key());
    }

    /**
     * A closing: the final revision goes out at once. A response submitted after {@code closedAt} that reached
     * scoring before the closing (through another partition) is taken back out of the count first.
     */
    private void onClosed(Record<String, byte[]> record, Origin origin, AssessmentClosed closed) {
        AssessmentLedger ledger = ledgers.take(record.key());
        if (ledger == null) {
            deadLetter(record, origin, Rejection.UNKNOWN_ASSESSMENT,
                    "closing of assessment " + closed.getAssessmentId() + ", which was never opened");
            return;
        }
        if (!ledger.close()) {
            return; // closed twice
        }
        withdrawSubmittedAfter(record.key(), ledger, closed.getClosedAt());
        tracing.remember(record.key(), record.headers());
        // at once, with every change the rule allows; a smaller remainder is held back and counted
        ledger.publishFinal().ifPresent(revision -> publish(record.timestamp(), ledger, revision));
        ledgers.put(record.key(), ledger);
    }

    private void withdrawSubmittedAfter(String assessmentId, AssessmentLedger ledger, Instant closedAt) {
        StoredRespondents ofAssessment = respondentsOf(assessmentId);
        for (RespondentEntry entry : ofAssessment.all()) {
            if (entry.counted().submittedAt().isAfter(closedAt)) {
                ledger.withdraw(entry);
                ofAssessment.remove(entry);
            }
        }
    }

    private void onResponse(Record<String, byte[]> record, Origin origin, SurveyResponseSubmitted response) {
        AssessmentLedger ledger = ledgers.take(record.key());
        if (ledger == null) {
            park(record, origin, response);
            return;
        }
        StoredRespondents ofAssessment = respondentsOf(record.key());
        Outcome outcome = ledger.submit(EventMapping.submission(response), ofAssessment);
        if (outcome instanceof Outcome.Counted) {
            ledgers.put(record.key(), ledger);
            changed.put(record.key(), record.timestamp()); // published at the next punctuation
            tracing.remember(record.key(), record.headers());
            schedulePublishing();
            return;
        }
        // a Duplicate was counted once already, a Superseded one changed only its respondent's entry, a Rejected one
        // changes nothing: the ledger is as it was
        ledgers.giveBack(record.key(), ledger);
        if (outcome instanceof Outcome.Rejected rejected) {
            deadLetter(record, origin, rejected.rejection().code(), rejected.rejection().message());
        }
    }

    private StoredRespondents respondentsOf(String assessmentId) {
        return new StoredRespondents(respondents, assessmentId);
    }

    /**
     * A response whose assessment this task has not seen opened: the opening may still be on its way through the
     * other partition, so it waits in the parking lot (up to the grace period) rather than being a dead letter at
     * once. When the lot is full it is a dead letter now. A parked response keeps its origin as a header (the
     * parking store's records are as they were before the origin moved into the repartition's values).
     */
    private void park(Record<String, byte[]> record, Origin origin, SurveyResponseSubmitted response) {
        if (parkedCount >= parkingCapacity) {
            deadLetter(record, origin, Rejection.UNKNOWN_ASSESSMENT, "no assessment " + response.getAssessmentId()
                    + " has been opened (and " + parkingCapacity + " responses already wait for their opening)");
            return;
        }
        long arrival = context.recordMetadata().map(RecordMetadata::offset).orElse(0L);
        parked.park(record.withHeaders(origin.stampOn(new RecordHeaders(record.headers().toArray()))), arrival,
                context.currentSystemTimeMs());
        parkedCount++;
        scheduleExpiry();
    }

    private void takeParkedResponses(String assessmentId) {
        for (ParkedResponses.Parked waiting : parked.takeFor(assessmentId)) {
            parkedCount--;
            process(waiting.record());
        }
    }

    private void scheduleExpiry() {
        if (expiry == null) {
            expiry = context.schedule(Duration.ofMillis(Math.max(1, Math.min(grace.toMillis(), 1000))),
                    PunctuationType.WALL_CLOCK_TIME, this::expireParked);
        }
    }

    /** The responses parked longer than the grace period become dead letters: their assessment never opened. */
    private void expireParked(long now) {
        for (ParkedResponses.Parked expired : parked.takeParkedBy(now - grace.toMillis())) {
            parkedCount--;
            Arrival response = Arrival.of(expired.record(), context); // a parked response keeps its origin header
            deadLetter(response.record(), response.origin(), Rejection.UNKNOWN_ASSESSMENT, "no assessment "
                    + response.record().key() + " had been opened " + grace.toSeconds()
                    + " s after this response arrived");
        }
        if (parkedCount == 0) {
            expiry.cancel();
            expiry = null;
        }
    }

    private void publish(long timestamp, AssessmentLedger ledger, AssessmentLedger.Revision revision) {
        byte[] bytes = EventLayouts.stageClassified(ledger.terms(), revision, clock.instant());
        context.forward(new Record<>(ledger.terms().assessmentId(), new Outbound(Topics.STAGES.name(), bytes),
                timestamp, tracing.headersFor(ledger.terms().assessmentId())));
    }

    private void deadLetter(Record<String, byte[]> record, Origin origin, String reasonCode, String reason) {
        context.forward(ScoringIntake.deadLetter(record, origin, reasonCode, reason));
    }
}
