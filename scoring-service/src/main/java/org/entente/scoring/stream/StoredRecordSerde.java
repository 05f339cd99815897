package org.entente.scoring.stream;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.entente.schemas.EventDecodingException;
import org.entente.schemas.EventDecodingException.Failure;
import org.entente.schemas.EventSerde;

/**
 * The serde of one of scoring's stores, for speed: it writes a domain value straight as the Avro single-object
 * encoding of the current version of its stored record ({@code C3 01}, that schema's fingerprint, the Avro binary
 * body), through a {@link Layout} written by hand for that version, and reads bytes with that fingerprint back the
 * same way. Bytes of any other kept version go to {@code older}, which is {@link EventSerde} with the mapping of
 * {@link StoredState} (Avro's schema resolution), as does every failure kind {@link EventSerde} names. The bytes are
 * exactly those {@link EventSerde} writes for the generated record (a test compares them), so the store and its
 * changelog stay Avro records that any Avro reader with the schema history reads.
 *
 * <p>Why by hand: scoring writes and reads its ledger and a respondent for every response, and the ledger again for
 * each revision. On the stack's JVM ({@code -XX:TieredStopAtLevel=1}) one write and read of a 198-byte ledger took
 * about 60 µs through {@link EventSerde} (Avro's specific writer and resolving reader, building the generated records
 * with boxed lists), about 54 µs with Avro's writer and reader reused and no fingerprint lookup, about 48 µs with the
 * generated custom coders on as well (they skip records with logical types, such as the ledger itself), and about
 * 16 µs this way (the varint layout before the Avro switch: 6.5 µs); a respondent 21 µs and 11 µs. Medians on a busy
 * shared 2-core machine, {@code bench/results/experiments/2026-12-05-vm-scoring-state-speed.md}. Encoder, decoder
 * and output buffer are reused per thread.
 *
 * <p>A {@link Layout} is tied to one schema: construction fails when the generated record's schema is no longer
 * the one the layout was written for (a field was added), so the layout cannot silently write the old body under
 * the new fingerprint. What it does not do: write an older version, or read any version but the current one itself.
 */
final class StoredRecordSerde<D> implements Serde<D>, Serializer<D>, Deserializer<D> {

    /** How one version of a stored record's Avro binary body maps to and from a domain value. */
    interface Layout<D> {

        /** Writes the body, field by field in the schema's order. */
        void write(D value, BinaryEncoder out) throws IOException;

        /** Reads the body; a value the domain refuses throws the domain's {@link RuntimeException}. */
        D read(BinaryDecoder in) throws IOException;
    }

    /** What one thread reuses between calls. */
    private static final class Scratch extends OutputStream {

        private byte[] bytes = new byte[512];
        private int size;
        private BinaryEncoder encoder;
        private BinaryDecoder decoder;

        @Override
        public void write(int b) {
            room(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            room(length);
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final String name;
    private final long fingerprint;
    private final byte[] header;
    private final Layout<D> layout;
    private final Deserializer<D> older;

    /**
     * @param schema the generated record's schema ({@code SCHEMA$})
     * @param writtenFor the fingerprint of the schema {@code layout} was written for
     * @throws IllegalStateException when {@code schema} is not that one
     */
    StoredRecordSerde(Schema schema, long writtenFor, Layout<D> layout, Deserializer<D> older) {
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        if (fingerprint != writtenFor) {
            throw new IllegalStateException(String.format("%s changed (fingerprint %016X, the hand-written layout is "
                    + "for %016X): update its layout", schema.getFullName(), fingerprint, writtenFor));
        }
        this.name = schema.getName();
        this.header = EventSerde.header(fingerprint);
        this.layout = layout;
        this.older = older;
    }

    @Override
    public byte[] serialize(String topic, D value) {
        if (value == null) {
            return null;
        }
        Scratch scratch = SCRATCH.get();
        scratch.size = 0;
        scratch.write(header, 0, header.length);
        try {
            BinaryEncoder out = EncoderFactory.get().binaryEncoder(scratch, scratch.encoder);
            scratch.encoder = out;
            layout.write(value, out);
            out.flush();
        } catch (IOException | RuntimeException e) {
            scratch.encoder = null; // it may hold part of the failed value
            throw new IllegalArgumentException("cannot encode " + name + ": " + e.getMessage(), e);
        }
        return Arrays.copyOf(scratch.bytes, scratch.size);
    }

    @Override
    public D deserialize(String topic, byte[] bytes) {
        if (!EventSerde.writtenWith(bytes, fingerprint)) {
            return older.deserialize(topic, bytes);
        }
        Scratch scratch = SCRATCH.get();
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, header.length, bytes.length - header.length,
                scratch.decoder);
        scratch.decoder = in;
        D value;
        try {
            value = layout.read(in);
            if (!in.isEnd()) {
                throw new EventDecodingException(Failure.MALFORMED_BODY, "malformed " + name
                        + " body: bytes left over after the record");
            }
        } catch (EOFException e) {
            throw new EventDecodingException(Failure.TRUNCATED, "truncated " + name + " body: the "
                    + (bytes.length - header.length) + " bytes after the header end mid-record", e);
        } catch (IOException | AvroRuntimeException e) {
            throw new EventDecodingException(Failure.MALFORMED_BODY, "malformed " + name + " body: " + e.getMessage(),
                    e);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException("a stored " + name + " makes no sense: " + e.getMessage(), e);
        }
        return value;
    }

    @Override
    public Serializer<D> serializer() {
        return this;
    }

    @Override
    public Deserializer<D> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the layout and the schema history ship with the code.
    }

    @Override
    public void close() {
        // Nothing to release: what a thread reuses is released with the thread.
    }
}
