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
 * submission (answers one byte each) and the responseIds the respondent sent. Internal to scoring-service.
 */
public final class RespondentSerde implements Serde<RespondentEntry>, Serializer<RespondentEntry>,
        Deserializer<RespondentEntry> {

    private static final byte FORMAT = 1;

    @Override
    public byte[] serialize(String topic, RespondentEntry entry) {
        if (entry == null) {
            return null;
        }
        Submission s = entry.counted();
        byte[] responseId = utf8(s.responseId());
        byte[] respondentId = utf8(s.respondentId());
        List<byte[]> others = new ArrayList<>();
        int size = 1 + 4 + responseId.length + 4 + respondentId.length + 1 + 1 + 8 + 4 + s.answers().size() + 4;
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
            if (format != FORMAT) {
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
            return new RespondentEntry(new Submission(responseId, respondentId, function, role, answers, submittedAt),
                    ids);
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
