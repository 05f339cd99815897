package org.entente.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.entente.events.AssessmentClosed;
import org.entente.events.AssessmentOpened;
import org.entente.events.FunnelEvent;
import org.entente.events.StageClassified;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.schemas.EventDecodingException.Failure;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

    @Test
    void everyEventSurvivesARoundTripOnItsTopic() {
        for (SpecificRecord event : SampleEvents.everyEvent()) {
            Topic<?> topic = topicCarrying(event);
            @SuppressWarnings("unchecked")
            EventSerde<SpecificRecord> serde = (EventSerde<SpecificRecord>) topic.valueSerde();
            byte[] bytes = serde.serialize(topic.name(), event);
            assertThat(serde.deserialize(topic.name(), bytes)).as(event.getSchema().getName()).isEqualTo(event);
        }
    }

    @Test
    void writesTheSingleObjectHeaderWithALittleEndianFingerprint() {
        StageClassified event = SampleEvents.classified("a-1");
        byte[] bytes = Topics.STAGES.valueSerde().serializer().serialize(Topics.STAGES.name(), event);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaHistory.fingerprint(StageClassified.getClassSchema()));
        assertThat(EventSerde.writtenWith(bytes, fingerprint)).isTrue();
        assertThat(EventSerde.writtenWith(bytes, fingerprint + 1)).isFalse();
        byte[] notSingleObject = bytes.clone();
        notSingleObject[0] = 0;
        assertThat(EventSerde.writtenWith(notSingleObject, fingerprint)).isFalse();
        assertThat(EventSerde.writtenWith(java.util.Arrays.copyOf(bytes, 9), fingerprint)).isFalse();
        assertThat(EventSerde.writtenWith(null, fingerprint)).isFalse();
    }

    /**
     * The bytes on the wire are a contract for clients in other languages: these were written by the hand-made
     * encoder that came before Avro's {@code BinaryMessageEncoder} and must never change for the same event and
     * schema. (Events whose schema has a single kept version, so adding a field elsewhere leaves them alone.)
     */
    @Test
    void writesTheSameBytesAsTheGoldenEncodings() {
        assertThat(hex(Topics.ASSESSMENTS.valueSerde().serializer().serialize("t", SampleEvents.closed("a-1"))))
                .isEqualTo("c301a52305a9467581dd06612d31c092dae09567");
        assertThat(hex(Topics.RESPONSES.valueSerde().serializer().serialize("t", (SurveyResponseSubmitted) SampleEvents.everyEvent()
                .stream().filter(SurveyResponseSubmitted.class::isInstance).findFirst().orElseThrow())))
                .isEqualTo("c301f7d98555f85ebd7012612d312f722d312f3406612d3106722d310002023128080808080808080808080808"
                        + "080808080808080800c0d8a2dd956706617069");
        assertThat(hex(Topics.FUNNEL_ALERTS.valueSerde().serializer().serialize("t", SampleEvents.breached("lead-1"))))
                .isEqualTo("c301cfbe8285e250ee000861636d650c6c6561642d31c0d8a2dd95670080f0b252c0c8d5af9667");
    }

    /**
     * Every event, whatever its current schema, is written exactly as the Avro specification spells single-object
     * encoding out: {@code C3 01}, the little-endian CRC-64-AVRO fingerprint, the plain binary body.
     */
    @Test
    void everyEventIsWrittenAsTheSpecificationSpellsItOut() throws Exception {
        for (SpecificRecord event : SampleEvents.everyEvent()) {
            byte[] byTheSpec = encodeSpecific(event);
            assertThat(hex(EventSerde.anyOf(event.getClass()).serialize("t", event)))
                    .as(event.getSchema().getName()).isEqualTo(hex(byTheSpec));
        }
    }

    @Test
    void aMessageWrittenWithTheFirstVersionDecodesIntoTheCurrentClassWithDefaults() throws Exception {
        Schema v1 = SchemaHistory.kept().versions(StageClassified.class).get(0);
        assertThat(SchemaHistory.fingerprint(v1))
                .isNotEqualTo(SchemaHistory.fingerprint(StageClassified.getClassSchema()));
        GenericRecord old = new GenericData.Record(v1);
        old.put("assessmentId", "a-old");
        old.put("revision", 7L);
        old.put("final", true);
        old.put("stage", new GenericData.EnumSymbol(v1.getField("stage").schema(), "ALIGNED"));
        old.put("score", 64.5);
        old.put("respondentCount", 8);
        old.put("statements", List.of());
        old.put("classifiedAt", SampleEvents.AT.toEpochMilli());

        StageClassified decoded = Topics.STAGES.valueSerde().deserializer()
                .deserialize(Topics.STAGES.name(), encode(v1, old));

        assertThat(decoded.getAssessmentId()).isEqualTo("a-old");
        assertThat(decoded.getRevision()).isEqualTo(7L);
        assertThat(decoded.getFinal$()).isTrue();
        assertThat(decoded.getScore()).isEqualTo(64.5);
        assertThat(decoded.getClassifiedAt()).isEqualTo(SampleEvents.AT);
        assertThat(decoded.getNearBoundary()).isFalse();
        assertThat(decoded.getHeads()).isNull();
    }

    @Test
    void anUnknownFingerprintIsAClearError() {
        byte[] bytes = Topics.FUNNEL_EVENTS.valueSerde().serializer()
                .serialize("t", SampleEvents.handedOff("lead-1"));
        bytes[5] ^= 0x5A;

        assertThatThrownBy(() -> Topics.FUNNEL_EVENTS.valueSerde().deserializer().deserialize("t", bytes))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.UNKNOWN_FINGERPRINT))
                .hasMessageContaining("unknown schema fingerprint");
    }

    @Test
    void truncatedBytesAreAClearErrorNeverANullPointer() {
        byte[] whole = Topics.FUNNEL_EVENTS.valueSerde().serializer()
                .serialize("t", SampleEvents.handedOff("lead-1"));
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> Topics.FUNNEL_EVENTS.valueSerde().deserializer().deserialize("t", cut))
                    .as("first %d of %d bytes", length, whole.length)
                    .isInstanceOfSatisfying(EventDecodingException.class,
                            e -> assertThat(e.failure()).isIn(Failure.TRUNCATED, Failure.MALFORMED_BODY))
                    .hasMessageNotContaining("null");
        }
    }

    /**
     * A corrupt length prefix (here a first string said to be some 900 MB long, in a 16-byte message) is a truncated
     * message, found without setting aside the bytes it claims: a poison pill must not take a service's memory.
     */
    @Test
    void aLengthBeyondTheMessageIsTruncatedWithoutAllocatingIt() {
        byte[] bad = Arrays.copyOf(EventSerde.header(SchemaHistory.fingerprint(AssessmentClosed.getClassSchema())), 16);
        System.arraycopy(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x07, 0x61}, 0, bad, 10, 6);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        EventDecodingException refused = null;
        try {
            Topics.ASSESSMENTS.valueSerde().deserializer().deserialize("t", bad);
        } catch (EventDecodingException e) {
            refused = e;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(refused).isNotNull().extracting(EventDecodingException::failure).isEqualTo(Failure.TRUNCATED);
        assertThat(allocated).as("bytes allocated for a length of some 900 MB").isLessThan(100L << 20);
    }

    @Test
    void bytesWithoutTheMarkerAreRejected() {
        byte[] json = "{\"eventId\":\"e-1\",\"organization\":\"acme\"}".getBytes();
        assertThatThrownBy(() -> Topics.FUNNEL_EVENTS.valueSerde().deserializer().deserialize("t", json))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.NOT_SINGLE_OBJECT))
                .hasMessageContaining("7B 22");
    }

    @Test
    void anEventOfAnotherTopicIsRejected() {
        byte[] opened = Topics.ASSESSMENTS.valueSerde().serializer().serialize("t", SampleEvents.opened("a-1", 3));
        assertThatThrownBy(() -> Topics.FUNNEL_EVENTS.valueSerde().deserializer().deserialize("t", opened))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.UNEXPECTED_TYPE))
                .hasMessageContaining(AssessmentOpened.class.getName());
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] bytes = Topics.FUNNEL_EVENTS.valueSerde().serializer().serialize("t", SampleEvents.handedOff("l"));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertThatThrownBy(() -> Topics.FUNNEL_EVENTS.valueSerde().deserializer().deserialize("t", longer))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.MALFORMED_BODY))
                .hasMessageContaining("left over");
    }

    @Test
    void aTombstoneStaysNull() {
        assertThat(Topics.FUNNEL_EVENTS.valueSerde().deserializer().deserialize("t", null)).isNull();
        assertThat(Topics.FUNNEL_EVENTS.valueSerde().serializer().serialize("t", (FunnelEvent) null)).isNull();
    }

    private static Topic<?> topicCarrying(SpecificRecord event) {
        return Topics.ALL.stream()
                .filter(t -> {
                    try {
                        t.valueSerde().deserializer().deserialize(t.name(),
                                EventSerde.anyOf(event.getClass()).serialize(t.name(), event));
                        return true;
                    } catch (EventDecodingException e) {
                        return false;
                    }
                })
                .findFirst()
                .orElseThrow(() -> new AssertionError("no topic carries " + event.getClass()));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] encodeSpecific(SpecificRecord event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xC3, 0x01});
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(SchemaNormalization.parsingFingerprint64(event.getSchema())).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(event.getSchema()).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] encode(Schema schema, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(EventSerde.header(SchemaHistory.fingerprint(schema)));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
