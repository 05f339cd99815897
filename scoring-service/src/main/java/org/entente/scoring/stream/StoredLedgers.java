package org.entente.scoring.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.entente.scoring.domain.AssessmentLedger;

/**
 * The ledgers of one task, as the {@link ScoringTopology#STORE} keeps them, with the ledgers this task wrote last
 * kept decoded in memory, so that a response and the publishing punctuation after it do not decode again what was
 * just encoded (about 8 µs a ledger under the stack's C1-only JVM, twice per response).
 *
 * <p>Why it stays right: the processor of this task is the only writer of its ledgers, and every change to a ledger
 * is written back with {@link #put} (which writes the store and keeps the object), and a ledger is handed back
 * unwritten ({@link #giveBack}) only after an outcome the domain documents as changing nothing (a duplicate, a
 * superseded or rejected response, a punctuation with nothing to publish). A ledger is handed out by {@link #take}
 * only once, so one that was changed and neither put nor given back cannot leak the change into a later read,
 * which then decodes the stored one. The store itself is cached by Kafka Streams
 * ({@link ScoringTopology}), so what is put here reaches RocksDB and the changelog at the next commit, inside its
 * transaction; this memory is only a shortcut to what the store holds, and the processor {@link #forget}s it
 * whenever Kafka Streams (re)initializes or closes the task (after an aborted transaction the store is rebuilt
 * from its changelog, and the memory with it). The web layer reads the store itself.
 *
 * <p>At most {@link #KEPT} ledgers are kept (the least recently written go first); a ledger is a few kilobytes
 * decoded.
 *
 * <p>What it does not do: hold a changed ledger back and write it once just before the commit (it is written, and
 * encoded, at every change). Kafka Streams 4.1.2 has no public hook there: a store's {@code flush()} runs after the
 * transaction is committed (and under exactly-once only when a task is suspended or closed), the record cache's
 * pre-commit flush is the internal {@code CachedStateStore}, and a punctuation does not precede every commit
 * ({@code bench/results/experiments/2026-12-06-vm-scoring-3.md}).
 */
final class StoredLedgers {

    static final int KEPT = 4096;

    private final KeyValueStore<String, AssessmentLedger> store;
    private final Map<String, AssessmentLedger> written = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AssessmentLedger> eldest) {
            return size() > KEPT;
        }
    };

    StoredLedgers(KeyValueStore<String, AssessmentLedger> store) {
        this.store = store;
    }

    /**
     * The ledger of {@code assessmentId}, or {@code null} when it was never opened, for the caller to change and
     * {@link #put} back; until then, another take decodes the stored one.
     */
    AssessmentLedger take(String assessmentId) {
        AssessmentLedger kept = written.remove(assessmentId);
        return kept != null ? kept : store.get(assessmentId);
    }

    /** Whether {@code assessmentId} has a ledger (was opened). */
    boolean contains(String assessmentId) {
        return written.containsKey(assessmentId) || store.get(assessmentId) != null;
    }

    /** Writes {@code ledger} to the store and keeps it for the next {@link #take}. */
    void put(String assessmentId, AssessmentLedger ledger) {
        store.put(assessmentId, ledger);
        written.put(assessmentId, ledger);
    }

    /**
     * Keeps a ledger taken and left unchanged (the domain says which outcomes change nothing) for the next
     * {@link #take}, without writing it: the store still holds exactly it.
     */
    void giveBack(String assessmentId, AssessmentLedger unchanged) {
        written.put(assessmentId, unchanged);
    }

    /** Every stored ledger (read from the store, once, when the task starts). */
    KeyValueIterator<String, AssessmentLedger> all() {
        return store.all();
    }

    /** Drops what is kept in memory: the store is about to be (or was) restored or closed. */
    void forget() {
        written.clear();
    }
}
