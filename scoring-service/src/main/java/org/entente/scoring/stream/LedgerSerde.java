package org.entente.scoring.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.entente.scoring.domain.Role;
import org.entente.scoring.domain.Submission;

/**
 * How an {@link AssessmentLedger} is kept in the state store and its changelog: a compact binary layout that
 * starts with a format version, so a later layout can still read what an earlier one wrote. The store is internal
 * to scoring-service; nothing outside reads it.
 */
public final class LedgerSerde implements Serde<AssessmentLedger>, Serializer<AssessmentLedger>,
        Deserializer<AssessmentLedger> {

    private static final byte FORMAT = 1;
    private static final long NO_INSTANT = Long.MIN_VALUE;

    @Override
    public byte[] serialize(String topic, AssessmentLedger ledger) {
        if (ledger == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            AssessmentTerms terms = ledger.terms();
            out.writeUTF(terms.assessmentId());
            out.writeInt(terms.statementCount());
            out.writeInt(terms.anonymityThreshold());
            out.writeLong(terms.closesAt() == null ? NO_INSTANT : terms.closesAt().toEpochMilli());
            out.writeBoolean(ledger.isClosed());
            out.writeLong(ledger.revision());
            out.writeBoolean(ledger.isFinalPublished());
            out.writeInt(ledger.seenResponseIds().size());
            for (String id : ledger.seenResponseIds()) {
                out.writeUTF(id);
            }
            out.writeInt(ledger.counted().size());
            for (Submission s : ledger.counted()) {
                out.writeUTF(s.responseId());
                out.writeUTF(s.respondentId());
                out.writeByte(s.function().ordinal());
                out.writeByte(s.role().ordinal());
                out.writeLong(s.submittedAt().toEpochMilli());
                out.writeInt(s.answers().size());
                for (int answer : s.answers()) {
                    out.writeByte(answer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public AssessmentLedger deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("unknown ledger format " + format);
            }
            String assessmentId = in.readUTF();
            int statementCount = in.readInt();
            int threshold = in.readInt();
            long closesAt = in.readLong();
            AssessmentTerms terms = new AssessmentTerms(assessmentId, statementCount, threshold,
                    closesAt == NO_INSTANT ? null : Instant.ofEpochMilli(closesAt));
            boolean closed = in.readBoolean();
            long revision = in.readLong();
            boolean finalPublished = in.readBoolean();
            int seenCount = in.readInt();
            List<String> seen = new ArrayList<>(seenCount);
            for (int i = 0; i < seenCount; i++) {
                seen.add(in.readUTF());
            }
            int countedCount = in.readInt();
            List<Submission> counted = new ArrayList<>(countedCount);
            for (int i = 0; i < countedCount; i++) {
                String responseId = in.readUTF();
                String respondentId = in.readUTF();
                BusinessFunction function = BusinessFunction.values()[in.readByte()];
                Role role = Role.values()[in.readByte()];
                Instant submittedAt = Instant.ofEpochMilli(in.readLong());
                int answerCount = in.readInt();
                List<Integer> answers = new ArrayList<>(answerCount);
                for (int a = 0; a < answerCount; a++) {
                    answers.add((int) in.readByte());
                }
                counted.add(new Submission(responseId, respondentId, function, role, answers, submittedAt));
            }
            return AssessmentLedger.restore(terms, closed, counted, seen, revision, finalPublished);
        } catch (IOException e) {
            throw new SerializationException("cannot read a stored ledger", e);
        }
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
