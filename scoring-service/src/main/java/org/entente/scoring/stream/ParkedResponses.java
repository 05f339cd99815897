package org.entente.scoring.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Responses that reached scoring before their assessment's opening, held in the {@link ScoringTopology#PARKED}
 * store until the opening comes (then they are taken back, oldest first) or a grace period has passed (then they are
 * dead letters). Each is kept as it arrived: the original bytes, timestamp and headers (the {@code Origin} headers
 * among them, so a dead letter still names the topic, partition and offset it was published at), plus the
 * wall-clock time it was parked, as one Avro record.
 *
 * <p>Keys are the assessmentId (length first, so no id can pass for another) and the offset the response had on the
 * repartition topic, zero-padded: every response of one assessment comes through one partition of that topic, so a
 * prefix scan returns them in arrival order. The number held per task is capped by the caller.
 */
final class ParkedResponses {

    /** The layout of a parked response in the store; internal to scoring-service. */
    static final Schema SCHEMA = SchemaBuilder.record("ParkedResponse").namespace("org.entente.scoring.state")
            .fields()
            .requiredBytes("value")
            .requiredLong("timestamp")
            .requiredLong("parkedAt")
            .name("headers").type().array().items(SchemaBuilder.record("Header").fields()
                    .requiredString("key")
                    .optionalBytes("value")
                    .endRecord()).noDefault()
            .endRecord();

    private static final Schema HEADER = SCHEMA.getField("headers").schema().getElementType();

    /** One response as it was parked. */
    record Parked(String storeKey, Record<String, byte[]> record, long parkedAt) {
    }

    private final KeyValueStore<String, byte[]> store;

    ParkedResponses(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    void park(Record<String, byte[]> record, long arrival, long parkedAt) {
        store.put(prefix(record.key()) + String.format("%020d", arrival), encode(record, parkedAt));
    }

    /** Takes out every response parked for {@code assessmentId}, in arrival order. */
    List<Parked> takeFor(String assessmentId) {
        List<Parked> taken = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix(assessmentId), new StringSerializer())) {
            it.forEachRemaining(entry -> taken.add(decode(entry.key, assessmentId, entry.value)));
        }
        taken.forEach(parked -> store.delete(parked.storeKey()));
        return taken;
    }

    /** Takes out every response parked at or before {@code parkedBy} (wall-clock ms). */
    List<Parked> takeParkedBy(long parkedBy) {
        List<Parked> taken = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                Parked parked = decode(entry.key, assessmentIdOf(entry.key), entry.value);
                if (parked.parkedAt() <= parkedBy) {
                    taken.add(parked);
                }
            }
        }
        taken.forEach(parked -> store.delete(parked.storeKey()));
        return taken;
    }

    /** How many are parked (read through once; the caller keeps count afterwards). */
    int count() {
        int count = 0;
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    private static String prefix(String assessmentId) {
        return assessmentId.getBytes(StandardCharsets.UTF_8).length + ":" + assessmentId + "/";
    }

    private static String assessmentIdOf(String storeKey) {
        int colon = storeKey.indexOf(':');
        int length = Integer.parseInt(storeKey.substring(0, colon));
        byte[] rest = storeKey.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        return new String(rest, 0, length, StandardCharsets.UTF_8);
    }

    static byte[] encode(Record<String, byte[]> record, long parkedAt) {
        GenericRecord parked = new GenericData.Record(SCHEMA);
        parked.put("value", ByteBuffer.wrap(record.value()));
        parked.put("timestamp", record.timestamp());
        parked.put("parkedAt", parkedAt);
        List<GenericRecord> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            GenericRecord h = new GenericData.Record(HEADER);
            h.put("key", header.key());
            h.put("value", header.value() == null ? null : ByteBuffer.wrap(header.value()));
            headers.add(h);
        }
        parked.put("headers", headers);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(SCHEMA).write(parked, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Parked decode(String storeKey, String assessmentId, byte[] bytes) {
        GenericRecord parked;
        try {
            parked = new GenericDatumReader<GenericRecord>(SCHEMA)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new SerializationException("a parked response does not decode", e);
        }
        RecordHeaders headers = new RecordHeaders();
        for (Object item : (List<?>) parked.get("headers")) {
            GenericRecord h = (GenericRecord) item;
            headers.add(h.get("key").toString(), bytes((ByteBuffer) h.get("value")));
        }
        Record<String, byte[]> record = new Record<>(assessmentId, bytes((ByteBuffer) parked.get("value")),
                (Long) parked.get("timestamp"), headers);
        return new Parked(storeKey, record, (Long) parked.get("parkedAt"));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
