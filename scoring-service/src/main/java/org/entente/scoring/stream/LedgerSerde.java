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
import org.entente.scoring.domain.RespondentEntry;
import org.entente.scoring.domain.Role;
import org.entente.scoring.domain.Submission;
import org.entente.scoring.domain.Tallies;

/**
 * How an {@link AssessmentLedger} is kept in the state store and its changelog: a compact binary layout that
 * starts with a format version, so a later layout can still read what an earlier one wrote. The store is internal
 * to scoring-service; nothing outside reads it.
 *
 * <p>Format 2 (written now) holds the terms, the flags, the revision and two {@link Tallies} (the counted and the
 * published sums), in {@link CompactBytes}: a little over a hundred bytes whatever the number of respondents. Format 1 (written before) held every counted submission and every responseId;
 * it is still read, its submissions summed into tallies and handed over as carried-over respondents, which the
 * processor then saves in the respondents store.
 */
public final class LedgerSerde implements Serde<AssessmentLedger>, Serializer<AssessmentLedger>,
        Deserializer<AssessmentLedger> {

    private static final byte FORMAT_SUBMISSIONS = 1;
    private static final byte FORMAT_TALLIES = 2;
    private static final long NO_INSTANT = Long.MIN_VALUE;

    @Override
    public byte[] serialize(String topic, AssessmentLedger ledger) {
        if (ledger == null) {
            return null;
        }
        AssessmentTerms terms = ledger.terms();
        CompactBytes.Writer out = new CompactBytes.Writer(128 + 8 * terms.statementCount());
        out.put(FORMAT_TALLIES);
        out.putString(terms.assessmentId());
        out.putInt(terms.statementCount());
        out.putInt(terms.anonymityThreshold());
        out.putLong(terms.closesAt() == null ? NO_INSTANT : terms.closesAt().toEpochMilli());
        out.put((byte) ((ledger.isClosed() ? 1 : 0) | (ledger.isFinalPublished() ? 2 : 0)
                | (ledger.published() != null ? 4 : 0)));
        out.putLong(ledger.revision());
        ledger.counted().write(out);
        if (ledger.published() != null) {
            ledger.published().write(out);
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
            if (format != FORMAT_TALLIES) {
                throw new SerializationException("unknown ledger format " + format);
            }
            String id = in.getString();
            int statementCount = in.getInt();
            int threshold = in.getInt();
            long closesAt = in.getLong();
            AssessmentTerms terms = new AssessmentTerms(id, statementCount, threshold,
                    closesAt == NO_INSTANT ? null : Instant.ofEpochMilli(closesAt));
            byte flags = in.get();
            long revision = in.getLong();
            Tallies counted = Tallies.read(statementCount, in);
            Tallies published = (flags & 4) != 0 ? Tallies.read(statementCount, in) : null;
            return AssessmentLedger.restore(terms, (flags & 1) != 0, counted, published, revision, (flags & 2) != 0,
                    List.of());
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new SerializationException("cannot read a stored ledger", e);
        }
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
        return AssessmentLedger.restore(terms, closed, tallies, published, revision, finalPublished,
                counted.stream().map(RespondentEntry::first).toList());
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
