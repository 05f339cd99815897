package org.entente.scoring.stream;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.kafka.common.serialization.Deserializer;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.StageClassified;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.schemas.EventSerde;
import org.entente.schemas.Topics;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.AssessmentTerms;
import org.entente.scoring.domain.Classification;

/**
 * The two events scoring handles most, the response it reads (twice: in the intake step and after the repartition)
 * and the {@code StageClassified} revision it writes, in their current versions, read and written by hand with
 * Avro's own encoder and decoder, field by field in the schemas' order, as {@link StoredLayouts} does for the stores.
 * The bytes are exactly those {@link EventSerde} reads and writes (single-object encoding: {@code C3 01}, the
 * schema's fingerprint, the Avro binary body; a test compares them), so nothing on the topics changes.
 *
 * <p>Why by hand: in a JFR profile of the benchmark's scoring pass (2026-12-06) Avro's reader took about 10 % of the
 * stream thread for the two decodings of each response and its writer about 9 % for the revisions (looking up the
 * branch of each of a revision's some 47 union values by name, writing byte by byte into a growing stream). By hand,
 * a response reads in about half the time and a revision writes in about a ninth, under the stack's C1-only JVM
 * ({@code bench/results/experiments/2026-12-06-vm-scoring-2.md}).
 *
 * <p>What falls back to {@link EventSerde}: a response with any other fingerprint (an older or unknown version, or
 * not an event at all) and any response the hand-written reader cannot read to its end, so every failure is the
 * one {@link EventSerde} names, with its words. Each layout is tied to the fingerprint it was written for: when a
 * field is added to either schema, scoring refuses to start until the layout here is updated too.
 */
final class EventLayouts {

    /** The fingerprint of the {@link StageClassified} schema {@link #STAGE_CLASSIFIED} writes. */
    static final long STAGE_CLASSIFIED_WRITTEN_FOR = 0xDDE76E52AEAA68CBL;

    /** The fingerprint of the {@link SurveyResponseSubmitted} schema {@link #readResponse} reads. */
    static final long RESPONSE_WRITTEN_FOR = 0x70BD5EF85585D9F7L;

    /** The index of each of the domain's stages among the event's {@code Stage} symbols (by name). */
    private static final int[] STAGE_SYMBOL = Arrays.stream(org.entente.rules.Stage.values())
            .mapToInt(stage -> org.entente.events.Stage.valueOf(stage.name()).ordinal()).toArray();
    private static final BusinessFunction[] FUNCTIONS = BusinessFunction.values();
    private static final Role[] ROLES = Role.values();

    /** A revision as it is published: the assessment's terms, the revision, when it was classified. */
    record Published(AssessmentTerms terms, AssessmentLedger.Revision revision, Instant classifiedAt) {
    }

    /** {@link StageClassified}: only written (scoring reads no revision back). */
    static final StoredRecordSerde.Layout<Published> STAGE_CLASSIFIED = new StoredRecordSerde.Layout<>() {

        @Override
        public void write(Published published, BinaryEncoder out) throws IOException {
            Classification c = published.revision().classification();
            out.writeString(published.terms().assessmentId());
            out.writeLong(published.revision().number());
            out.writeBoolean(published.revision().isFinal());
            writeStage(c.stage(), out);
            out.writeDouble(c.score());
            out.writeInt(c.respondentCount());
            writeFunction(c.sales(), out);
            writeFunction(c.marketing(), out);
            writeDouble(c.perceptionGap(), out);
            out.writeArrayStart();
            out.setItemCount(c.statements().size());
            for (Classification.StatementScore s : c.statements()) {
                out.startItem();
                out.writeInt(s.statement());
                out.writeDouble(s.mean());
                writeDouble(s.salesMean(), out);
                writeDouble(s.marketingMean(), out);
            }
            out.writeArrayEnd();
            out.writeLong(published.classifiedAt().toEpochMilli());
            out.writeBoolean(c.nearBoundary());
            writeGroup(c.heads(), out);
            writeGroup(c.staff(), out);
            out.writeInt(published.revision().heldBack());
            out.writeBoolean(published.terms().named());
        }

        @Override
        public Published read(BinaryDecoder in) {
            throw new UnsupportedOperationException("scoring writes revisions, it does not read them");
        }
    };

    private static final StoredRecordSerde<Published> STAGE_CLASSIFIED_SERDE = new StoredRecordSerde<>(
            StageClassified.getClassSchema(), STAGE_CLASSIFIED_WRITTEN_FOR, STAGE_CLASSIFIED, (topic, bytes) -> {
                throw new UnsupportedOperationException("scoring writes revisions, it does not read them");
            });

    /** {@link SurveyResponseSubmitted}: only read (scoring never writes a response). */
    static final StoredRecordSerde.Layout<SurveyResponseSubmitted> RESPONSE = new StoredRecordSerde.Layout<>() {

        @Override
        public void write(SurveyResponseSubmitted response, BinaryEncoder out) {
            throw new UnsupportedOperationException("scoring reads responses, it does not write them");
        }

        @Override
        public SurveyResponseSubmitted read(BinaryDecoder in) throws IOException {
            return readResponseBody(in);
        }
    };

    /** Responses of any other version, and any failure's words: Avro's reader, as {@link EventSerde} has it. */
    private static final Deserializer<SurveyResponseSubmitted> BY_AVRO =
            Topics.RESPONSES.valueSerde().deserializer();

    private static final StoredRecordSerde<SurveyResponseSubmitted> RESPONSE_SERDE = new StoredRecordSerde<>(
            SurveyResponseSubmitted.getClassSchema(), RESPONSE_WRITTEN_FOR, RESPONSE, BY_AVRO);

    private EventLayouts() {
    }

    /**
     * Fails (an {@link ExceptionInInitializerError} caused by an {@link IllegalStateException} naming the schema)
     * when the generated {@code StageClassified} or {@code SurveyResponseSubmitted} is no longer the version its
     * layout here was written for: called when the topology is built, so the service refuses to start rather than
     * fail at its first response.
     */
    static void requireCurrentSchemas() {
        // the checks run when this class is initialized, which calling any of its methods does
    }

    /** The revision's {@code StageClassified}, encoded as {@link EventSerde} encodes it. */
    static byte[] stageClassified(AssessmentTerms terms, AssessmentLedger.Revision revision, Instant classifiedAt) {
        return STAGE_CLASSIFIED_SERDE.serialize(Topics.STAGES.name(), new Published(terms, revision, classifiedAt));
    }

    /**
     * The response in {@code bytes}, as {@link EventSerde} reads it from the responses topic ({@code null} for
     * {@code null}); its {@code EventDecodingException} when they do not decode.
     */
    static SurveyResponseSubmitted readResponse(byte[] bytes) {
        try {
            return RESPONSE_SERDE.deserialize(Topics.RESPONSES.name(), bytes);
        } catch (RuntimeException notReadableThisWay) {
            return BY_AVRO.deserialize(Topics.RESPONSES.name(), bytes); // says what is wrong, in EventSerde's words
        }
    }

    private static SurveyResponseSubmitted readResponseBody(BinaryDecoder in) throws IOException {
        String responseId = in.readString();
        String assessmentId = in.readString();
        String respondentId = in.readString();
        BusinessFunction function = FUNCTIONS[in.readEnum()];
        Role role = ROLES[in.readEnum()];
        String instrumentVersion = in.readString();
        List<Integer> answers = new ArrayList<>(24);
        for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
            for (long i = 0; i < n; i++) {
                answers.add(in.readInt());
            }
        }
        Instant submittedAt = Instant.ofEpochMilli(in.readLong());
        String source = in.readString();
        return new SurveyResponseSubmitted(responseId, assessmentId, respondentId, function, role, instrumentVersion,
                answers, submittedAt, source);
    }

    private static void writeStage(org.entente.rules.Stage stage, BinaryEncoder out) throws IOException {
        out.writeEnum(STAGE_SYMBOL[stage.ordinal()]);
    }

    /** A {@code ["null", "double"]} union; the domain always has the value. */
    private static void writeDouble(double value, BinaryEncoder out) throws IOException {
        out.writeIndex(1);
        out.writeDouble(value);
    }

    /** A {@code ["null", FunctionScore]} union; the domain always has both functions. */
    private static void writeFunction(Classification.FunctionScore f, BinaryEncoder out) throws IOException {
        out.writeIndex(1);
        out.writeInt(f.respondentCount());
        out.writeDouble(f.meanTotal());
        writeStage(f.stage(), out);
        writeDouble(f.spread(), out);
    }

    /** A {@code ["null", RoleScore]} union: heads and staff are broken out only for a named assessment. */
    private static void writeGroup(Classification.GroupScore g, BinaryEncoder out) throws IOException {
        if (g == null) {
            out.writeIndex(0);
            return;
        }
        out.writeIndex(1);
        out.writeInt(g.respondentCount());
        out.writeDouble(g.meanTotal());
        writeStage(g.stage(), out);
    }
}
