package org.entente.schemas;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
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
 * CRC-64-AVRO fingerprint, then the Avro binary body. The encoding itself is Avro's: a
 * {@link BinaryMessageEncoder} per event type writes, a {@link BinaryMessageDecoder} per event type reads, and the
 * {@link SchemaHistory} kept in this jar is their {@link SchemaStore} of known writer schemas. No registry server
 * is involved, so a message written with any kept version decodes into the current generated class.
 *
 * <p>What this class adds to Avro's codecs: one serde may carry several event types (the assessments topic carries
 * openings and closings), each decoder resolving only its own type's versions; a {@code null} payload (a tombstone)
 * maps to {@code null} both ways; bytes left over after the record are refused (Avro stops reading at the record's
 * end); and every failure is an {@link EventDecodingException} whose {@link Failure} a dead-letter header names,
 * instead of Avro's {@code BadHeaderException}, {@code MissingSchemaException} and wrapped I/O errors.
 *
 * <p>Instances are immutable and safe to share between threads, as Avro's message codecs are.
 */
public final class EventSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    public static final byte MARKER_0 = (byte) 0xC3;
    public static final byte MARKER_1 = (byte) 0x01;
    public static final int HEADER_LENGTH = 10;

    static {
        trustEventClasses();
    }

    private final Map<Class<?>, BinaryMessageEncoder<T>> encoders;
    private final Map<String, BinaryMessageDecoder<T>> decodersByFullName;
    private final SchemaHistory history;

    private EventSerde(List<Class<? extends T>> types, SchemaHistory history) {
        Map<Class<?>, BinaryMessageEncoder<T>> encoderByClass = new LinkedHashMap<>();
        Map<String, BinaryMessageDecoder<T>> decoderByName = new LinkedHashMap<>();
        for (Class<? extends T> type : types) {
            SpecificData model = SpecificData.getForClass(type);
            Schema schema = model.getSchema(type);
            encoderByClass.put(type, new BinaryMessageEncoder<>(model, schema));
            decoderByName.put(schema.getFullName(), new BinaryMessageDecoder<>(model, schema,
                    versionsOf(history, schema.getFullName())));
        }
        this.encoders = Map.copyOf(encoderByClass);
        this.decodersByFullName = Collections.unmodifiableMap(decoderByName);
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

    /** The header that starts every message written with this schema (for tests that write old versions). */
    public static byte[] header(long fingerprint) {
        return ByteBuffer.allocate(HEADER_LENGTH)
                .put(MARKER_0)
                .put(MARKER_1)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(fingerprint)
                .array();
    }

    /** The kept versions of one event only, so a decoder never reads another event's bytes as its own. */
    private static SchemaStore versionsOf(SchemaHistory history, String fullName) {
        return fingerprint -> {
            Schema writer = history.findByFingerprint(fingerprint);
            return writer != null && writer.getFullName().equals(fullName) ? writer : null;
        };
    }

    /**
     * Avro 1.12 refuses to instantiate classes outside a trusted list while decoding. Our generated events are
     * trusted on top of whatever the JVM already trusts (including {@code org.apache.avro.SERIALIZABLE_PACKAGES}).
     */
    private static void trustEventClasses() {
        ClassSecurityValidator.ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                current, type -> type.getName().startsWith("org.entente.events.")));
    }

    @Override
    public byte[] serialize(String topic, T event) {
        if (event == null) {
            return null;
        }
        BinaryMessageEncoder<T> encoder = encoders.get(event.getClass());
        if (encoder == null) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " is not carried on " + topic
                    + "; expected one of " + decodersByFullName.keySet());
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
        for (Map.Entry<String, BinaryMessageDecoder<T>> decoder : decodersByFullName.entrySet()) {
            try {
                return decode(decoder.getKey(), decoder.getValue(), bytes);
            } catch (MissingSchemaException e) {
                // Not this type's fingerprint: the next type's decoder may know it.
            } catch (BadHeaderException e) {
                throw badHeader(bytes);
            }
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = history.writerSchema(fingerprint).orElseThrow(() -> new EventDecodingException(
                Failure.UNKNOWN_FINGERPRINT, String.format("unknown schema fingerprint %016X: no kept version of any "
                        + "Entente schema has it", fingerprint)));
        throw new EventDecodingException(Failure.UNEXPECTED_TYPE, writer.getFullName() + " is not carried on "
                + (topic == null ? "this topic" : topic) + "; expected one of " + decodersByFullName.keySet());
    }

    /** One decoder's reading of the whole of {@code bytes}; a body that ends early or runs on is refused. */
    private static <T> T decode(String fullName, BinaryMessageDecoder<T> decoder, byte[] bytes) {
        String name = fullName.substring(fullName.lastIndexOf('.') + 1);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        T event;
        try {
            event = decoder.decode(in, null);
        } catch (BadHeaderException | MissingSchemaException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (endedEarly(e)) {
                throw new EventDecodingException(Failure.TRUNCATED, "truncated " + name + " body: the "
                        + (bytes.length - HEADER_LENGTH) + " bytes after the header end mid-record", e);
            }
            throw new EventDecodingException(Failure.MALFORMED_BODY, "malformed " + name + " body: " + causeOf(e), e);
        }
        if (in.available() > 0) {
            throw new EventDecodingException(Failure.MALFORMED_BODY, "malformed " + name + " body: " + in.available()
                    + " bytes left over after the record");
        }
        return event;
    }

    private static EventDecodingException badHeader(byte[] bytes) {
        if (bytes.length < HEADER_LENGTH) {
            return new EventDecodingException(Failure.TRUNCATED, "truncated message: " + bytes.length
                    + " bytes, but the single-object header alone takes " + HEADER_LENGTH);
        }
        return new EventDecodingException(Failure.NOT_SINGLE_OBJECT, String.format(
                "not Avro single-object encoding: starts with %02X %02X, expected C3 01", bytes[0], bytes[1]));
    }

    private static boolean endedEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message: Avro wraps the reader's own error in "Decoding datum failed". */
    private static String causeOf(Throwable e) {
        Throwable inner = e;
        while (inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        return inner.getClass().getSimpleName() + (inner.getMessage() == null ? "" : ": " + inner.getMessage());
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
        return "EventSerde" + decodersByFullName.keySet().stream().sorted().collect(Collectors.toList());
    }
}
