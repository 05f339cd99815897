package org.entente.scoring.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.entente.scoring.domain.Tallies;

/**
 * The variable-length encoding of the stores' layouts: whole numbers as zig-zag varints (one byte up to 63, two up
 * to 8191…), strings as a varint length and their UTF-8 bytes. Scoring's sums are small numbers, so a ledger takes
 * a little over a hundred bytes.
 */
final class CompactBytes {

    private CompactBytes() {
    }

    /** Writes into a growing array. */
    static final class Writer implements Tallies.Sink {

        private byte[] buffer;
        private int size;

        Writer(int expected) {
            buffer = new byte[expected];
        }

        Writer put(byte b) {
            ensure(1);
            buffer[size++] = b;
            return this;
        }

        @Override
        public void putInt(int value) {
            putLong(value);
        }

        @Override
        public void putLong(long value) {
            ensure(10);
            long v = (value << 1) ^ (value >> 63);
            while ((v & ~0x7FL) != 0) {
                buffer[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buffer[size++] = (byte) v;
        }

        void putString(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            putInt(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }
    }

    /** Reads what a {@link Writer} wrote. */
    static final class Reader implements Tallies.Source {

        private final byte[] data;
        private int position;

        Reader(byte[] data, int position) {
            this.data = data;
            this.position = position;
        }

        byte get() {
            if (position >= data.length) {
                throw new SerializationException("the stored value ends early");
            }
            return data[position++];
        }

        @Override
        public int getInt() {
            long value = getLong();
            if (value != (int) value) {
                throw new SerializationException("a stored number is out of range: " + value);
            }
            return (int) value;
        }

        @Override
        public long getLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = get();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return (v >>> 1) ^ -(v & 1);
                }
            }
            throw new SerializationException("a stored number is malformed");
        }

        String getString() {
            int length = getInt();
            if (length < 0 || position + length > data.length) {
                throw new SerializationException("the stored value ends early");
            }
            String s = new String(data, position, length, StandardCharsets.UTF_8);
            position += length;
            return s;
        }
    }
}
