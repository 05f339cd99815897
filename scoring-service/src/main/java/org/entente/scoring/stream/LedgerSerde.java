package org.entente.scoring.stream;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.AssessmentTerms;
import org.entente.scoring.domain.BusinessFunction;
import org.entente.scoring.domain.Differences;
import org.entente.scoring.domain.RespondentEntry;
import org.entente.scoring.domain.Role;
import org.entente.scoring.domain.Submission;
import org.entente.scoring.domain.Tallies;

/**
 * How an {@link AssessmentLedger} is kept in the state store and its changelog: a compact binary layout that
 * starts with a format version, so a later layout can still read what an earlier one wrote. The store is internal
 * to scoring-service; nothing outside reads it.
 *
 * <p>Format 3 (written now) holds the terms (whether named among the flags), the flags, the revision, two
 * {@link Tallies} (the counted and the published sums, each function's with its roles) and the {@link Differences}
 * (per function its published generation and by how many respondents it has changed since), in {@link CompactBytes}:
 * a little over a hundred bytes whatever the number of respondents.
 *
 * <p>Earlier formats are still read. Format 2 kept the roles' sums for both functions together (they are left out:
 * heads and staff are shown only for named assessments, which came later) and no differences: they read as none,
 * so changes counted before the upgrade and not yet published wait for newer ones to reach the threshold, and go
 * out with them. Format 1 held every counted submission and every responseId; its submissions are summed into
 * tallies and handed over as carried-over respondents, which the processor then saves in the respondents store. A
 * stored threshold below 3 is raised to 3 ({@link AssessmentTerms}): no assessment was named then.
 */
public final class LedgerSerde implements Serde<AssessmentLedger>, Serializer<AssessmentLedger>,
        Deserializer<AssessmentLedger> {

    private static final byte FORMAT_SUBMISSIONS = 1;
    private static final byte FORMAT_TALLIES = 2;
    private static final byte FORMAT_DIFFERENCES = 3;
    private static final int CLOSED = 1;
    private static final int FINAL_PUBLISHED = 2;
    private static final int HAS_PUBLISHED = 4;
    private static final int NAMED = 8;
    private static final long NO_INSTANT = Long.MIN_VALUE;

    @Override
    public byte[] serialize(String topic, AssessmentLedger ledger) {
        if (ledger == null) {
            return null;
        }
        AssessmentTerms terms = ledger.terms();
        CompactBytes.Writer out = new CompactBytes.Writer(128 + 8 * terms.statementCount());
        out.put(FORMAT_DIFFERENCES);
        out.putString(terms.assessmentId());
        out.putInt(terms.statementCount());
        out.putInt(terms.anonymityThreshold());
        out.putLong(terms.closesAt() == null ? NO_INSTANT : terms.closesAt().toEpochMilli());
        out.put((byte) ((ledger.isClosed() ? CLOSED : 0) | (ledger.isFinalPublished() ? FINAL_PUBLISHED : 0)
                | (ledger.published() != null ? HAS_PUBLISHED : 0) | (terms.named() ? NAMED : 0)));
        out.putLong(ledger.revision());
        ledger.counted().write(out);
        if (ledger.published() != null) {
            ledger.published().write(out);
        }
        for (BusinessFunction function : BusinessFunction.values()) {
            out.putLong(ledger.differences().generation(function));
            out.putInt(ledger.differences().changed(function));
        }
        return out.toByteArray();
    }

    @Override
    public AssessmentLedger deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            if (data.length > 0 && data[0] == FORMAT_SUBMISSIONS) {
                ByteBuffer in = ByteBuffer.wrap(data);
                in.get();
                return readSubmissions(in);
            }
            CompactBytes.Reader in = new CompactBytes.Reader(data, 0);
            byte format = in.get();
            if (format != FORMAT_TALLIES && format != FORMAT_DIFFERENCES) {
                throw new SerializationException("unknown ledger format " + format);
            }
            String id = in.getString();
            int statementCount = in.getInt();
            int threshold = in.getInt();
            long closesAt = in.getLong();
            byte flags = in.get();
            AssessmentTerms terms = new AssessmentTerms(id, statementCount, threshold, (flags & NAMED) != 0,
                    closesAt == NO_INSTANT ? null : Instant.ofEpochMilli(closesAt));
            long revision = in.getLong();
            boolean current = format == FORMAT_DIFFERENCES;
            Tallies counted = current ? Tallies.read(statementCount, in) : Tallies.readWithoutRoles(statementCount, in);
            Tallies published = (flags & HAS_PUBLISHED) == 0 ? null
                    : current ? Tallies.read(statementCount, in) : Tallies.readWithoutRoles(statementCount, in);
            Differences differences = current ? readDifferences(in) : Differences.none();
            return AssessmentLedger.restore(terms, (flags & CLOSED) != 0, counted, published, differences, revision,
                    (flags & FINAL_PUBLISHED) != 0, List.of());
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new SerializationException("cannot read a stored ledger", e);
        }
    }

    private static Differences readDifferences(CompactBytes.Reader in) {
        int functions = BusinessFunction.values().length;
        long[] generation = new long[functions];
        int[] changed = new int[functions];
        for (int f = 0; f < functions; f++) {
            generation[f] = in.getLong();
            changed[f] = in.getInt();
        }
        return Differences.restore(generation, changed);
    }

    /** Format 1: Java DataOutput (big-endian, modified UTF-8 strings with a 2-byte length), every submission. */
    private static AssessmentLedger readSubmissions(ByteBuffer in) {
        String assessmentId = readUtf(in);
        int statementCount = in.getInt();
        int threshold = in.getInt();
        long closesAt = in.getLong();
        AssessmentTerms terms = new AssessmentTerms(assessmentId, statementCount, threshold,
                closesAt == NO_INSTANT ? null : Instant.ofEpochMilli(closesAt));
        boolean closed = in.get() != 0;
        long revision = in.getLong();
        boolean finalPublished = in.get() != 0;
        int seenCount = in.getInt();
        for (int i = 0; i < seenCount; i++) {
            readUtf(in); // the counted ones are kept with their respondent; a superseded one stays superseded
        }
        int countedCount = in.getInt();
        List<Submission> counted = new ArrayList<>(countedCount);
        for (int i = 0; i < countedCount; i++) {
            String responseId = readUtf(in);
            String respondentId = readUtf(in);
            BusinessFunction function = BusinessFunction.values()[in.get()];
            Role role = Role.values()[in.get()];
            Instant submittedAt = Instant.ofEpochMilli(in.getLong());
            int answerCount = in.getInt();
            List<Integer> answers = new ArrayList<>(answerCount);
            for (int a = 0; a < answerCount; a++) {
                answers.add((int) in.get());
            }
            counted.add(new Submission(responseId, respondentId, function, role, answers, submittedAt));
        }
        Tallies tallies = Tallies.of(statementCount, counted);
        // format 1 published a revision on every change, so the last one was made of what was counted
        Tallies published = revision > 0 ? tallies.copy() : null;
        return AssessmentLedger.restore(terms, closed, tallies, published, Differences.none(), revision,
                finalPublished, counted.stream().map(RespondentEntry::first).toList());
    }

    private static String readUtf(ByteBuffer in) {
        byte[] bytes = new byte[in.getShort() & 0xFFFF];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8); // modified UTF-8 equals UTF-8 for ids without NUL/supplementary
    }

    @Override
    public Serializer<AssessmentLedger> serializer() {
        return this;
    }

    @Override
    public Deserializer<AssessmentLedger> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public void close() {
        // nothing to release
    }
}
