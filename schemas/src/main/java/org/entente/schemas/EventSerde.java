package org.entente.schemas;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.entente.schemas.EventDecodingException.Failure;

/**
 * Kafka serde for Avro single-object encoding: {@code C3 01}, the writer schema's 8-byte little-endian
 * CRC-64-AVRO fingerprint, then the Avro binary body. Writing is Avro's own {@link BinaryMessageEncoder}, one per
 * event type. Reading finds the writer schema by the fingerprint in the {@link SchemaHistory} kept in this jar,
 * which is an Avro {@link SchemaStore}; no registry server is involved, so a message written with any kept version
 * decodes into the current generated class.
 *
 * <p>Why reading does not go through Avro's {@code BinaryMessageDecoder}: it decodes from a stream, and Avro's stream
 * decoder sets aside as many bytes as a string's length prefix claims before it finds them missing, so one corrupt
 * 16-byte message made a test JVM with a 256 MB heap run out of memory. Reading here decodes from the message's own
 * bytes, where Avro checks each length against what is left, and such a message is a {@code TRUNCATED} dead letter.
 *
 * <p>What this class adds to Avro: one serde may carry several event types (the assessments topic carries openings
 * and closings), each read into its own class; a {@code null} payload (a tombstone) maps to {@code null} both ways;
 * bytes left over after the record are refused; and every failure is an {@link EventDecodingException} whose
 * {@link Failure} a dead-letter header names.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class EventSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    public static final byte MARKER_0 = (byte) 0xC3;
    public static final byte MARKER_1 = (byte) 0x01;
    public static final int HEADER_LENGTH = 10;

    static {
        trustEventClasses();
    }

    /** How one carried event type is read: its data model and current schema, a reader per writer version. */
    private record Reading<T>(SpecificData model, Schema schema, Map<Long, DatumReader<T>> readers) {

        DatumReader<T> reader(long fingerprint, Schema writer) {
            return readers.computeIfAbsent(fingerprint, f -> model.createDatumReader(writer, schema));
        }
    }

    private final Map<Class<?>, BinaryMessageEncoder<T>> encoders;
    private final Map<String, Reading<T>> readingsByFullName;
    private final SchemaStore writerSchemas;

    private EventSerde(List<Class<? extends T>> types, SchemaStore writerSchemas) {
        Map<Class<?>, BinaryMessageEncoder<T>> encoderByClass = new HashMap<>();
        Map<String, Reading<T>> readingByName = new HashMap<>();
        for (Class<? extends T> type : types) {
            SpecificData model = SpecificData.getForClass(type);
            Schema schema = model.getSchema(type);
            encoderByClass.put(type, new BinaryMessageEncoder<>(model, schema));
            readingByName.put(schema.getFullName(), new Reading<>(model, schema, new ConcurrentHashMap<>()));
        }
        this.encoders = Map.copyOf(encoderByClass);
        this.readingsByFullName = Map.copyOf(readingByName);
        this.writerSchemas = writerSchemas;
    }

    /** A serde for a topic that carries one event type. */
    public static <T extends SpecificRecord> EventSerde<T> of(Class<T> type) {
        return new EventSerde<>(List.of(type), SchemaHistory.kept());
    }

    /** A serde for a topic that carries several event types; values are typed as their common supertype. */
    @SafeVarargs
    public static EventSerde<SpecificRecord> anyOf(Class<? extends SpecificRecord>... types) {
        return new EventSerde<>(List.of(types), SchemaHistory.kept());
    }

    /** The header that starts every message written with this schema (for tests that write old versions). */
    public static byte[] header(long fingerprint) {
        return ByteBuffer.allocate(HEADER_LENGTH)
                .put(MARKER_0)
                .put(MARKER_1)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(fingerprint)
                .array();
    }

    /**
     * Whether {@code bytes} start with the header of the schema with {@code fingerprint}: a reader written for that one
     * version (a store's hand-written layout, bytes copied as they are) can take them without looking further.
     */
    public static boolean writtenWith(byte[] bytes, long fingerprint) {
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            return false;
        }
        long found = 0;
        for (int i = HEADER_LENGTH - 1; i >= 2; i--) { // little-endian
            found = (found << 8) | (bytes[i] & 0xFF);
        }
        return found == fingerprint;
    }

    /**
     * Avro 1.12 refuses to instantiate classes outside a trusted list while decoding. Our generated events and the
     * records services keep in their stores ({@code org.entente.internal.*}) are trusted on top of whatever the JVM
     * already trusts (including {@code org.apache.avro.SERIALIZABLE_PACKAGES}).
     */
    private static void trustEventClasses() {
        ClassSecurityValidator.ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                current, type -> type.getName().startsWith("org.entente.events.")
                        || type.getName().startsWith("org.entente.internal.")));
    }

    @Override
    public byte[] serialize(String topic, T event) {
        if (event == null) {
            return null;
        }
        BinaryMessageEncoder<T> encoder = encoders.get(event.getClass());
        if (encoder == null) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " is not carried on " + topic
                    + "; expected one of " + carried());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(event, out);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot encode " + event.getSchema().getName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < HEADER_LENGTH) {
            throw new EventDecodingException(Failure.TRUNCATED, "truncated message: " + bytes.length
                    + " bytes, but the single-object header alone takes " + HEADER_LENGTH);
        }
        if (bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new EventDecodingException(Failure.NOT_SINGLE_OBJECT, String.format(
                    "not Avro single-object encoding: starts with %02X %02X, expected C3 01", bytes[0], bytes[1]));
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = writerSchemas.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new EventDecodingException(Failure.UNKNOWN_FINGERPRINT, String.format("unknown schema fingerprint "
                    + "%016X: no kept version of any Entente schema has it", fingerprint));
        }
        Reading<T> reading = readingsByFullName.get(writer.getFullName());
        if (reading == null) {
            throw new EventDecodingException(Failure.UNEXPECTED_TYPE, writer.getFullName() + " is not carried on "
                    + (topic == null ? "this topic" : topic) + "; expected one of " + carried());
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH,
                null);
        T event;
        try {
            event = reading.reader(fingerprint, writer).read(null, decoder);
        } catch (EOFException e) {
            throw new EventDecodingException(Failure.TRUNCATED, "truncated " + writer.getName() + " body: the "
                    + (bytes.length - HEADER_LENGTH) + " bytes after the header end mid-record", e);
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException(Failure.MALFORMED_BODY, "malformed " + writer.getName() + " body: "
                    + e.getMessage(), e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new EventDecodingException(Failure.MALFORMED_BODY, "malformed " + writer.getName()
                        + " body: bytes left over after the record");
            }
        } catch (IOException e) {
            throw new EventDecodingException(Failure.MALFORMED_BODY, "malformed " + writer.getName() + " body", e);
        }
        return event;
    }

    private List<String> carried() {
        return readingsByFullName.keySet().stream().sorted().toList();
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the schema history ships in this jar.
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    @Override
    public String toString() {
        return "EventSerde" + carried();
    }
}
