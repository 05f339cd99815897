package org.entente.scoring.stream;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.entente.internal.scoring.CountedSubmission;
import org.entente.internal.scoring.FunctionDifferences;
import org.entente.internal.scoring.FunctionSums;
import org.entente.internal.scoring.PublicationMark;
import org.entente.internal.scoring.RoleSums;
import org.entente.internal.scoring.ScoringLedger;
import org.entente.internal.scoring.ScoringRespondent;
import org.entente.internal.scoring.StoredFunction;
import org.entente.internal.scoring.StoredRole;
import org.entente.schemas.EventSerde;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.AssessmentTerms;
import org.entente.scoring.domain.BusinessFunction;
import org.entente.scoring.domain.Differences;
import org.entente.scoring.domain.RespondentEntry;
import org.entente.scoring.domain.Role;
import org.entente.scoring.domain.Submission;
import org.entente.scoring.domain.Tallies;

/**
 * How scoring's stores keep the domain's state: as the Avro records of the {@code schemas} module's internal namespace
 * ({@link ScoringLedger}, {@link ScoringRespondent}), in single-object encoding like the events, so a store written by
 * one version of the service is read by the next (their history and compatibility test are the events'). Functions
 * and roles are kept by name, never by position. This class maps between those records and the plain domain
 * classes, which know nothing of Avro.
 *
 * <p>The current version of each record is written and read without the generated classes, by the hand-written
 * layouts of {@link StoredLayouts} ({@link StoredRecordSerde}): the same bytes, about 3.7 times faster for a ledger
 * under the stack's C1-only JVM (measured in {@code bench/results/experiments/2026-12-05-vm-scoring-state-speed.md}).
 * Every older version is read through the mapping here ({@link #ledgersByAvro()}), with Avro's schema resolution.
 *
 * <p>A stored value that does not decode, or decodes into something the domain refuses, is a
 * {@link SerializationException}: Kafka Streams stops rather than score on a corrupt ledger.
 */
final class StoredState {

    private StoredState() {
    }

    /** The serde of the {@link ScoringTopology#STORE} store. */
    static Serde<AssessmentLedger> ledgers() {
        return new StoredRecordSerde<>(ScoringLedger.getClassSchema(), StoredLayouts.LEDGER_WRITTEN_FOR,
                StoredLayouts.LEDGER, ledgersByAvro().deserializer());
    }

    /** The serde of the {@link ScoringTopology#RESPONDENTS} store. */
    static Serde<RespondentEntry> respondents() {
        return new StoredRecordSerde<>(ScoringRespondent.getClassSchema(), StoredLayouts.RESPONDENT_WRITTEN_FOR,
                StoredLayouts.RESPONDENT, respondentsByAvro().deserializer());
    }

    /**
     * The same stores' serdes through Avro's generated records and its own writer and resolving reader: what reads
     * every older version, and what the hand-written layouts are held equal to.
     */
    static Serde<AssessmentLedger> ledgersByAvro() {
        return byAvro(ScoringLedger.class, StoredState::stored, StoredState::ledger);
    }

    /** See {@link #ledgersByAvro()}. */
    static Serde<RespondentEntry> respondentsByAvro() {
        return byAvro(ScoringRespondent.class, StoredState::stored, StoredState::respondent);
    }

    private static <D, A extends SpecificRecord> Serde<D> byAvro(Class<A> type, Function<D, A> toStored,
            Function<A, D> fromStored) {
        EventSerde<A> avro = EventSerde.of(type);
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : avro.serialize(topic, toStored.apply(value)),
                (topic, bytes) -> {
                    A stored = avro.deserialize(topic, bytes);
                    try {
                        return stored == null ? null : fromStored.apply(stored);
                    } catch (RuntimeException e) {
                        throw new SerializationException("a stored " + type.getSimpleName() + " makes no sense: "
                                + e.getMessage(), e);
                    }
                });
    }

    static ScoringLedger stored(AssessmentLedger ledger) {
        AssessmentTerms terms = ledger.terms();
        List<FunctionDifferences> differences = new ArrayList<>();
        for (BusinessFunction function : BusinessFunction.values()) {
            differences.add(new FunctionDifferences(stored(function), ledger.differences().generation(function),
                    ledger.differences().changed(function)));
        }
        return new ScoringLedger(terms.assessmentId(), terms.statementCount(), terms.anonymityThreshold(),
                terms.named(), terms.closesAt(), ledger.isClosed(), ledger.revision(), ledger.isFinalPublished(),
                stored(ledger.counted()), ledger.published() == null ? null : stored(ledger.published()),
                differences);
    }

    static AssessmentLedger ledger(ScoringLedger stored) {
        AssessmentTerms terms = new AssessmentTerms(stored.getAssessmentId(), stored.getStatementCount(),
                stored.getAnonymityThreshold(), stored.getNamed(), stored.getClosesAt());
        int functions = BusinessFunction.values().length;
        long[] generation = new long[functions];
        int[] changed = new int[functions];
        for (FunctionDifferences kept : stored.getDifferences()) {
            int f = function(kept.getFunction()).ordinal();
            generation[f] = kept.getGeneration();
            changed[f] = kept.getChanged();
        }
        return AssessmentLedger.restore(terms, stored.getClosed(),
                tallies(terms.statementCount(), stored.getCounted()),
                stored.getPublished() == null ? null : tallies(terms.statementCount(), stored.getPublished()),
                Differences.restore(generation, changed), stored.getRevision(), stored.getFinalPublished());
    }

    private static List<FunctionSums> stored(Tallies tallies) {
        List<FunctionSums> all = new ArrayList<>(BusinessFunction.values().length);
        for (BusinessFunction function : BusinessFunction.values()) {
            List<Integer> statementSums = new ArrayList<>(tallies.statementCount());
            for (int i = 0; i < tallies.statementCount(); i++) {
                statementSums.add(tallies.statementSum(function, i));
            }
            List<RoleSums> roles = new ArrayList<>(Role.values().length);
            for (Role role : Role.values()) {
                roles.add(new RoleSums(stored(role), tallies.count(function, role), tallies.sum(function, role)));
            }
            all.add(new FunctionSums(stored(function), tallies.count(function), tallies.sum(function),
                    tallies.sumOfSquares(function), statementSums, roles));
        }
        return all;
    }

    private static Tallies tallies(int statementCount, List<FunctionSums> stored) {
        Tallies tallies = Tallies.empty(statementCount);
        for (FunctionSums kept : stored) {
            BusinessFunction function = function(kept.getFunction());
            tallies.restore(function, kept.getCount(), kept.getSum(), kept.getSumOfSquares(), kept.getStatementSums());
            for (RoleSums group : kept.getRoles()) {
                tallies.restore(function, role(group.getRole()), group.getCount(), group.getSum());
            }
        }
        return tallies;
    }

    static ScoringRespondent stored(RespondentEntry entry) {
        Submission counted = entry.counted();
        List<PublicationMark> marks = new ArrayList<>();
        for (BusinessFunction function : BusinessFunction.values()) {
            RespondentEntry.Mark mark = entry.mark(function);
            marks.add(new PublicationMark(stored(function), mark.generation(), mark.shown()));
        }
        return new ScoringRespondent(new CountedSubmission(counted.responseId(), counted.respondentId(),
                stored(counted.function()), stored(counted.role()), counted.answers(), counted.submittedAt()),
                List.copyOf(entry.responseIds()), marks);
    }

    static RespondentEntry respondent(ScoringRespondent stored) {
        CountedSubmission kept = stored.getCounted();
        Submission counted = new Submission(kept.getResponseId(), kept.getRespondentId(),
                function(kept.getFunction()), role(kept.getRole()), kept.getAnswers(), kept.getSubmittedAt());
        RespondentEntry.Mark[] marks = new RespondentEntry.Mark[BusinessFunction.values().length];
        for (PublicationMark mark : stored.getMarks()) {
            marks[function(mark.getFunction()).ordinal()] = new RespondentEntry.Mark(mark.getGeneration(),
                    mark.getShown());
        }
        Set<String> responseIds = new LinkedHashSet<>(stored.getResponseIds());
        responseIds.add(counted.responseId());
        return new RespondentEntry(counted, responseIds, List.of(marks));
    }

    private static StoredFunction stored(BusinessFunction function) {
        return StoredFunction.valueOf(function.name());
    }

    private static BusinessFunction function(StoredFunction stored) {
        return BusinessFunction.valueOf(stored.name());
    }

    private static StoredRole stored(Role role) {
        return StoredRole.valueOf(role.name());
    }

    private static Role role(StoredRole stored) {
        return Role.valueOf(stored.name());
    }
}
