package org.entente.scoring.stream;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.entente.scoring.domain.BusinessFunction;
import org.entente.scoring.domain.RespondentEntry;
import org.entente.scoring.domain.Role;
import org.entente.scoring.domain.Submission;

/**
 * How a {@link RespondentEntry} is kept in the respondents store and its changelog: a format version, the counted
 * submission (answers one byte each), the responseIds the respondent sent and, since format 2, one mark per function
 * (its published generation and whether the respondent was shown in it). Format 1 entries (no marks) are still read.
 * Internal to scoring-service.
 */
public final class RespondentSerde implements Serde<RespondentEntry>, Serializer<RespondentEntry>,
        Deserializer<RespondentEntry> {

    private static final byte FORMAT_WITHOUT_MARKS = 1;
    private static final byte FORMAT = 2;

    @Override
    public byte[] serialize(String topic, RespondentEntry entry) {
        if (entry == null) {
            return null;
        }
        Submission s = entry.counted();
        byte[] responseId = utf8(s.responseId());
        byte[] respondentId = utf8(s.respondentId());
        List<byte[]> others = new ArrayList<>();
        int size = 1 + 4 + responseId.length + 4 + respondentId.length + 1 + 1 + 8 + 4 + s.answers().size() + 4
                + 1 + entry.marks().size() * (8 + 1);
        for (String id : entry.responseIds()) {
            if (!id.equals(s.responseId())) {
                byte[] bytes = utf8(id);
                others.add(bytes);
                size += 4 + bytes.length;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(FORMAT);
        out.putInt(responseId.length).put(responseId);
        out.putInt(respondentId.length).put(respondentId);
        out.put((byte) s.function().ordinal());
        out.put((byte) s.role().ordinal());
        out.putLong(s.submittedAt().toEpochMilli());
        out.putInt(s.answers().size());
        for (int answer : s.answers()) {
            out.put((byte) answer);
        }
        out.putInt(others.size());
        for (byte[] id : others) {
            out.putInt(id.length).put(id);
        }
        out.put((byte) entry.marks().size());
        for (RespondentEntry.Mark mark : entry.marks()) {
            out.putLong(mark.generation()).put((byte) (mark.shown() ? 1 : 0));
        }
        return out.array();
    }

    @Override
    public RespondentEntry deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            byte format = in.get();
            if (format != FORMAT && format != FORMAT_WITHOUT_MARKS) {
                throw new SerializationException("unknown respondent format " + format);
            }
            String responseId = string(in);
            String respondentId = string(in);
            BusinessFunction function = BusinessFunction.values()[in.get()];
            Role role = Role.values()[in.get()];
            Instant submittedAt = Instant.ofEpochMilli(in.getLong());
            int answerCount = in.getInt();
            List<Integer> answers = new ArrayList<>(answerCount);
            for (int i = 0; i < answerCount; i++) {
                answers.add((int) in.get());
            }
            int otherCount = in.getInt();
            Set<String> ids = new LinkedHashSet<>();
            ids.add(responseId);
            for (int i = 0; i < otherCount; i++) {
                ids.add(string(in));
            }
            List<RespondentEntry.Mark> marks = new ArrayList<>();
            int markCount = format == FORMAT ? in.get() : 0;
            for (int i = 0; i < markCount; i++) {
                marks.add(new RespondentEntry.Mark(in.getLong(), in.get() != 0));
            }
            return new RespondentEntry(new Submission(responseId, respondentId, function, role, answers, submittedAt),
                    ids, marks);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new SerializationException("cannot read a stored respondent", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(ByteBuffer in) {
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public Serializer<RespondentEntry> serializer() {
        return this;
    }

    @Override
    public Deserializer<RespondentEntry> deserializer() {
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
