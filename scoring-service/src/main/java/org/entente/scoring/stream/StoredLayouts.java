package org.entente.scoring.stream;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.entente.internal.scoring.ScoringLedger;
import org.entente.internal.scoring.ScoringRespondent;
import org.entente.internal.scoring.StoredFunction;
import org.entente.internal.scoring.StoredRole;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.AssessmentTerms;
import org.entente.scoring.domain.BusinessFunction;
import org.entente.scoring.domain.Differences;
import org.entente.scoring.domain.RespondentEntry;
import org.entente.scoring.domain.Role;
import org.entente.scoring.domain.Submission;
import org.entente.scoring.domain.Tallies;

/**
 * The Avro binary bodies of the current {@link ScoringLedger} and {@link ScoringRespondent}, written and read by hand
 * for {@link StoredRecordSerde}: the same fields in the same order as the schemas, with Avro's own encoder and decoder
 * for each value, functions and roles as the index of their name among the stored enum's symbols (so by name, as
 * Avro resolves enums). {@link StoredState} maps the generated records for every other version; a test holds the
 * bytes of both ways equal. When one of the two schemas gains a field, its layout here gains it too, and its
 * {@code *_WRITTEN_FOR} fingerprint changes with it.
 *
 * <p>What a reader refuses as it goes: an enum index outside the symbols and a function's statement sums that do not
 * number the statement count (both as the domain's {@link IllegalArgumentException}).
 */
final class StoredLayouts {

    /** The fingerprint of the {@link ScoringLedger} schema {@link #LEDGER} writes and reads. */
    static final long LEDGER_WRITTEN_FOR = 0x6289BEDD4863A2A6L;

    /** The fingerprint of the {@link ScoringRespondent} schema {@link #RESPONDENT} writes and reads. */
    static final long RESPONDENT_WRITTEN_FOR = 0x4DA40E1378101FBAL;

    private static final BusinessFunction[] FUNCTIONS = BusinessFunction.values();
    private static final Role[] ROLES = Role.values();
    private static final BusinessFunction[] FUNCTION_BY_SYMBOL = new BusinessFunction[StoredFunction.values().length];
    private static final Role[] ROLE_BY_SYMBOL = new Role[StoredRole.values().length];
    private static final int[] SYMBOL_OF_FUNCTION = new int[FUNCTIONS.length];
    private static final int[] SYMBOL_OF_ROLE = new int[ROLES.length];

    static {
        for (BusinessFunction function : FUNCTIONS) {
            int symbol = StoredFunction.valueOf(function.name()).ordinal();
            SYMBOL_OF_FUNCTION[function.ordinal()] = symbol;
            FUNCTION_BY_SYMBOL[symbol] = function;
        }
        for (Role role : ROLES) {
            int symbol = StoredRole.valueOf(role.name()).ordinal();
            SYMBOL_OF_ROLE[role.ordinal()] = symbol;
            ROLE_BY_SYMBOL[symbol] = role;
        }
    }

    /** {@link ScoringLedger}: the terms, the state flags, the counted and published sums, the differences. */
    static final StoredRecordSerde.Layout<AssessmentLedger> LEDGER = new StoredRecordSerde.Layout<>() {

        @Override
        public void write(AssessmentLedger ledger, BinaryEncoder out) throws IOException {
            AssessmentTerms terms = ledger.terms();
            out.writeString(terms.assessmentId());
            out.writeInt(terms.statementCount());
            out.writeInt(terms.anonymityThreshold());
            out.writeBoolean(terms.named());
            writeOptionalInstant(terms.closesAt(), out);
            out.writeBoolean(ledger.isClosed());
            out.writeLong(ledger.revision());
            out.writeBoolean(ledger.isFinalPublished());
            writeSums(ledger.counted(), out);
            if (ledger.published() == null) {
                out.writeIndex(0);
            } else {
                out.writeIndex(1);
                writeSums(ledger.published(), out);
            }
            Differences differences = ledger.differences();
            startArray(FUNCTIONS.length, out);
            for (BusinessFunction function : FUNCTIONS) {
                out.startItem();
                out.writeEnum(SYMBOL_OF_FUNCTION[function.ordinal()]);
                out.writeLong(differences.generation(function));
                out.writeInt(differences.changed(function));
            }
            out.writeArrayEnd();
        }

        @Override
        public AssessmentLedger read(BinaryDecoder in) throws IOException {
            String assessmentId = in.readString();
            int statementCount = in.readInt();
            int anonymityThreshold = in.readInt();
            boolean named = in.readBoolean();
            Instant closesAt = readOptionalInstant(in);
            AssessmentTerms terms = new AssessmentTerms(assessmentId, statementCount, anonymityThreshold, named,
                    closesAt);
            boolean closed = in.readBoolean();
            long revision = in.readLong();
            boolean finalPublished = in.readBoolean();
            Tallies counted = readSums(statementCount, in);
            Tallies published = union(in) ? readSums(statementCount, in) : null;
            long[] generation = new long[FUNCTIONS.length];
            int[] changed = new int[FUNCTIONS.length];
            for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
                for (long i = 0; i < n; i++) {
                    int f = function(in.readEnum()).ordinal();
                    generation[f] = in.readLong();
                    changed[f] = in.readInt();
                }
            }
            return AssessmentLedger.restore(terms, closed, counted, published,
                    Differences.restore(generation, changed), revision, finalPublished);
        }
    };

    /** {@link ScoringRespondent}: the counted submission, every responseId, one publication mark per function. */
    static final StoredRecordSerde.Layout<RespondentEntry> RESPONDENT = new StoredRecordSerde.Layout<>() {

        @Override
        public void write(RespondentEntry entry, BinaryEncoder out) throws IOException {
            Submission counted = entry.counted();
            out.writeString(counted.responseId());
            out.writeString(counted.respondentId());
            out.writeEnum(SYMBOL_OF_FUNCTION[counted.function().ordinal()]);
            out.writeEnum(SYMBOL_OF_ROLE[counted.role().ordinal()]);
            startArray(counted.answers().size(), out);
            for (int answer : counted.answers()) {
                out.startItem();
                out.writeInt(answer);
            }
            out.writeArrayEnd();
            out.writeLong(counted.submittedAt().toEpochMilli());
            startArray(entry.responseIds().size(), out);
            for (String responseId : entry.responseIds()) {
                out.startItem();
                out.writeString(responseId);
            }
            out.writeArrayEnd();
            startArray(FUNCTIONS.length, out);
            for (BusinessFunction function : FUNCTIONS) {
                RespondentEntry.Mark mark = entry.mark(function);
                out.startItem();
                out.writeEnum(SYMBOL_OF_FUNCTION[function.ordinal()]);
                out.writeLong(mark.generation());
                out.writeBoolean(mark.shown());
            }
            out.writeArrayEnd();
        }

        @Override
        public RespondentEntry read(BinaryDecoder in) throws IOException {
            String responseId = in.readString();
            String respondentId = in.readString();
            BusinessFunction function = function(in.readEnum());
            Role role = role(in.readEnum());
            List<Integer> answers = new ArrayList<>();
            for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
                for (long i = 0; i < n; i++) {
                    answers.add(in.readInt());
                }
            }
            Submission counted = new Submission(responseId, respondentId, function, role, answers,
                    Instant.ofEpochMilli(in.readLong()));
            Set<String> responseIds = new LinkedHashSet<>();
            for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
                for (long i = 0; i < n; i++) {
                    responseIds.add(in.readString());
                }
            }
            responseIds.add(responseId);
            RespondentEntry.Mark[] marks = new RespondentEntry.Mark[FUNCTIONS.length];
            for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
                for (long i = 0; i < n; i++) {
                    int f = function(in.readEnum()).ordinal();
                    marks[f] = new RespondentEntry.Mark(in.readLong(), in.readBoolean());
                }
            }
            return new RespondentEntry(counted, responseIds, List.of(marks));
        }
    };

    private StoredLayouts() {
    }

    /** {@code FunctionSums} per function, in order, each with its statement sums and its {@code RoleSums}. */
    private static void writeSums(Tallies tallies, BinaryEncoder out) throws IOException {
        startArray(FUNCTIONS.length, out);
        for (BusinessFunction function : FUNCTIONS) {
            out.startItem();
            out.writeEnum(SYMBOL_OF_FUNCTION[function.ordinal()]);
            out.writeInt(tallies.count(function));
            out.writeLong(tallies.sum(function));
            out.writeLong(tallies.sumOfSquares(function));
            startArray(tallies.statementCount(), out);
            for (int i = 0; i < tallies.statementCount(); i++) {
                out.startItem();
                out.writeInt(tallies.statementSum(function, i));
            }
            out.writeArrayEnd();
            startArray(ROLES.length, out);
            for (Role role : ROLES) {
                out.startItem();
                out.writeEnum(SYMBOL_OF_ROLE[role.ordinal()]);
                out.writeInt(tallies.count(function, role));
                out.writeLong(tallies.sum(function, role));
            }
            out.writeArrayEnd();
        }
        out.writeArrayEnd();
    }

    private static Tallies readSums(int statementCount, BinaryDecoder in) throws IOException {
        Tallies tallies = Tallies.empty(statementCount);
        for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
            for (long i = 0; i < n; i++) {
                BusinessFunction function = function(in.readEnum());
                int count = in.readInt();
                long sum = in.readLong();
                long sumOfSquares = in.readLong();
                List<Integer> statementSums = new ArrayList<>(statementCount);
                for (long m = in.readArrayStart(); m != 0; m = in.arrayNext()) {
                    for (long j = 0; j < m; j++) {
                        statementSums.add(in.readInt());
                    }
                }
                tallies.restore(function, count, sum, sumOfSquares, statementSums);
                for (long m = in.readArrayStart(); m != 0; m = in.arrayNext()) {
                    for (long j = 0; j < m; j++) {
                        Role role = role(in.readEnum());
                        tallies.restore(function, role, in.readInt(), in.readLong());
                    }
                }
            }
        }
        return tallies;
    }

    private static void writeOptionalInstant(Instant instant, BinaryEncoder out) throws IOException {
        if (instant == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeLong(instant.toEpochMilli());
        }
    }

    private static Instant readOptionalInstant(BinaryDecoder in) throws IOException {
        return union(in) ? Instant.ofEpochMilli(in.readLong()) : null;
    }

    /** Reads a {@code ["null", X]} union's branch: whether X follows. */
    private static boolean union(BinaryDecoder in) throws IOException {
        int branch = in.readIndex();
        if (branch != 0 && branch != 1) {
            throw new IllegalArgumentException("union branch " + branch + " of [null, value]");
        }
        return branch == 1;
    }

    private static void startArray(int items, BinaryEncoder out) throws IOException {
        out.writeArrayStart();
        out.setItemCount(items);
    }

    private static BusinessFunction function(int symbol) {
        if (symbol < 0 || symbol >= FUNCTION_BY_SYMBOL.length) {
            throw new IllegalArgumentException("no function has the stored symbol index " + symbol);
        }
        return FUNCTION_BY_SYMBOL[symbol];
    }

    private static Role role(int symbol) {
        if (symbol < 0 || symbol >= ROLE_BY_SYMBOL.length) {
            throw new IllegalArgumentException("no role has the stored symbol index " + symbol);
        }
        return ROLE_BY_SYMBOL[symbol];
    }
}
