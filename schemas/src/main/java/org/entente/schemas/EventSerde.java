package org.entente.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.entente.schemas.EventDecodingException.Failure;

/**
 * Kafka serde for Avro single-object encoding: {@code C3 01}, the writer schema's 8-byte little-endian
 * CRC-64-AVRO fingerprint, then the Avro binary body. No registry server is involved: the fingerprint is resolved
 * against the {@link SchemaHistory} kept in this jar, so a message written with any kept version decodes into the
 * current generated class.
 *
 * <p>One serde may carry several event types (the assessments topic carries openings and closings); decoding picks
 * the class by the writer schema's full name. A {@code null} payload (a tombstone) maps to {@code null} both ways.
 * Failures are {@link EventDecodingException}s that say what was wrong with the bytes.
 *
 * <p>Instances are immutable and safe to share between threads; Avro's readers and writers are kept per thread.
 */
public final class EventSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    public static final byte MARKER_0 = (byte) 0xC3;
    public static final byte MARKER_1 = (byte) 0x01;
    public static final int HEADER_LENGTH = 10;

    static {
        trustEventClasses();
    }

    private final Map<String, Class<? extends T>> classesByFullName;
    private final Map<Class<?>, byte[]> headers;
    private final SchemaHistory history;
    private final ThreadLocal<Codecs> codecs = ThreadLocal.withInitial(Codecs::new);

    private EventSerde(List<Class<? extends T>> types, SchemaHistory history) {
        Map<String, Class<? extends T>> byName = new HashMap<>();
        Map<Class<?>, byte[]> headerByClass = new HashMap<>();
        for (Class<? extends T> type : types) {
            Schema schema = SpecificData.get().getSchema(type);
            byName.put(schema.getFullName(), type);
            headerByClass.put(type, header(SchemaHistory.fingerprint(schema)));
        }
        this.classesByFullName = Map.copyOf(byName);
        this.headers = Map.copyOf(headerByClass);
        this.history = history;
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

    /** The header that starts every message written with this schema. */
    public static byte[] header(long fingerprint) {
        return ByteBuffer.allocate(HEADER_LENGTH)
                .put(MARKER_0)
                .put(MARKER_1)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(fingerprint)
                .array();
    }

    /**
     * Avro 1.12 refuses to instantiate classes outside a trusted list while decoding. Our generated events (and the
     * stored-state records beside them) are trusted on top of whatever the JVM already trusts (including
     * {@code org.apache.avro.SERIALIZABLE_PACKAGES}).
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
        byte[] header = headers.get(event.getClass());
        if (header == null) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " is not carried on " + topic
                    + "; expected one of " + classesByFullName.keySet());
        }
        Codecs local = codecs.get();
        local.out.reset();
        local.out.writeBytes(header);
        local.encoder = EncoderFactory.get().directBinaryEncoder(local.out, local.encoder);
        try {
            local.writer(event.getSchema()).write(event, local.encoder);
            local.encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot encode " + event.getSchema().getName() + ": " + e.getMessage(), e);
        }
        return local.out.toByteArray();
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
        Schema writer = history.writerSchema(fingerprint).orElseThrow(() -> new EventDecodingException(
                Failure.UNKNOWN_FINGERPRINT, String.format("unknown schema fingerprint %016X: no kept version of any "
                        + "Entente schema has it", fingerprint)));
        Class<? extends T> type = classesByFullName.get(writer.getFullName());
        if (type == null) {
            throw new EventDecodingException(Failure.UNEXPECTED_TYPE, writer.getFullName() + " is not carried on "
                    + (topic == null ? "this topic" : topic) + "; expected one of " + classesByFullName.keySet());
        }
        Codecs local = codecs.get();
        local.decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH,
                local.decoder);
        T event;
        try {
            event = local.<T>reader(fingerprint, writer, type).read(null, local.decoder);
        } catch (java.io.EOFException e) {
            throw new EventDecodingException(Failure.TRUNCATED, "truncated " + writer.getName() + " body: the "
                    + (bytes.length - HEADER_LENGTH) + " bytes after the header end mid-record", e);
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException(Failure.MALFORMED_BODY, "malformed " + writer.getName() + " body: "
                    + e.getMessage(), e);
        }
        try {
            if (!local.decoder.isEnd()) {
                throw new EventDecodingException(Failure.MALFORMED_BODY, "malformed " + writer.getName()
                        + " body: bytes left over after the record");
            }
        } catch (IOException e) {
            throw new EventDecodingException(Failure.MALFORMED_BODY, "malformed " + writer.getName() + " body", e);
        }
        return event;
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
        return "EventSerde" + classesByFullName.keySet().stream().sorted().collect(Collectors.toList());
    }

    /** Avro readers, writers and buffers of one thread, reused from message to message. */
    private static final class Codecs {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        final Map<Long, DatumReader<?>> readers = new HashMap<>();
        final Map<Schema, DatumWriter<SpecificRecord>> writers = new HashMap<>();
        BinaryEncoder encoder;
        BinaryDecoder decoder;

        @SuppressWarnings("unchecked")
        <T> DatumReader<T> reader(long fingerprint, Schema writer, Class<? extends T> type) {
            return (DatumReader<T>) readers.computeIfAbsent(fingerprint,
                    f -> new SpecificDatumReader<>(writer, SpecificData.get().getSchema(type)));
        }

        DatumWriter<SpecificRecord> writer(Schema schema) {
            return writers.computeIfAbsent(schema, SpecificDatumWriter::new);
        }
    }
}
