package org.entente.scoring.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.entente.internal.scoring.ParkedHeader;
import org.entente.internal.scoring.ParkedResponse;
import org.entente.schemas.EventSerde;

/**
 * Responses that reached scoring before their assessment's opening, held in the {@link ScoringTopology#PARKED}
 * store until the opening comes (then they are taken back, oldest first) or a grace period has passed (then they are
 * dead letters). Each is kept as it arrived: the original bytes, timestamp and headers (the {@code Origin} headers
 * among them, so a dead letter still names the topic, partition and offset it was published at), plus the
 * wall-clock time it was parked, as one {@link ParkedResponse} (an internal record of the {@code schemas} module).
 *
 * <p>Keys are the assessmentId (length first, so no id can pass for another) and the offset the response had on the
 * repartition topic, zero-padded: every response of one assessment comes through one partition of that topic, so a
 * prefix scan returns them in arrival order. The number held per task is capped by the caller.
 */
final class ParkedResponses {

    /** The serde of the {@link ScoringTopology#PARKED} store. */
    static Serde<ParkedResponse> serde() {
        return EventSerde.of(ParkedResponse.class);
    }

    /** One response as it was parked. */
    record Parked(String storeKey, Record<String, byte[]> record, long parkedAt) {
    }

    private final KeyValueStore<String, ParkedResponse> store;

    ParkedResponses(KeyValueStore<String, ParkedResponse> store) {
        this.store = store;
    }

    void park(Record<String, byte[]> record, long arrival, long parkedAt) {
        store.put(prefix(record.key()) + String.format("%020d", arrival), encode(record, parkedAt));
    }

    /** Takes out every response parked for {@code assessmentId}, in arrival order. */
    List<Parked> takeFor(String assessmentId) {
        List<Parked> taken = new ArrayList<>();
        try (KeyValueIterator<String, ParkedResponse> it = store.prefixScan(prefix(assessmentId), new StringSerializer())) {
            it.forEachRemaining(entry -> taken.add(decode(entry.key, assessmentId, entry.value)));
        }
        taken.forEach(parked -> store.delete(parked.storeKey()));
        return taken;
    }

    /** Takes out every response parked at or before {@code parkedBy} (wall-clock ms). */
    List<Parked> takeParkedBy(long parkedBy) {
        List<Parked> taken = new ArrayList<>();
        try (KeyValueIterator<String, ParkedResponse> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, ParkedResponse> entry = all.next();
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
        try (KeyValueIterator<String, ParkedResponse> all = store.all()) {
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

    static ParkedResponse encode(Record<String, byte[]> record, long parkedAt) {
        List<ParkedHeader> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new ParkedHeader(header.key(), header.value() == null ? null : ByteBuffer.wrap(header.value())));
        }
        return new ParkedResponse(ByteBuffer.wrap(record.value()), record.timestamp(), parkedAt, headers);
    }

    static Parked decode(String storeKey, String assessmentId, ParkedResponse parked) {
        RecordHeaders headers = new RecordHeaders();
        for (ParkedHeader header : parked.getHeaders()) {
            headers.add(header.getKey(), bytes(header.getValue()));
        }
        Record<String, byte[]> record = new Record<>(assessmentId, bytes(parked.getValue()), parked.getTimestamp(),
                headers);
        return new Parked(storeKey, record, parked.getParkedAt());
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
