package org.entente.support.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;
import org.springframework.util.unit.DataSize;

/**
 * Bounds the memory RocksDB takes outside the Java heap, for every state store of a service's JVM together: one
 * block cache of {@link #MEMORY_CONFIG} bytes (default {@link #DEFAULT_MEMORY}) shared by every store partition,
 * with their memtables (at most half of it, through one shared write-buffer manager) and their index and filter
 * blocks charged to it. Without it each store partition gets Kafka Streams' defaults (a 50 MB block cache and up to
 * three 16 MB memtables each), so a service's resident memory grew with its partitions and stores, and under load
 * the memtables alone could take a hundred megabytes and more.
 *
 * <p>{@link StreamsDefaults} sets it as every Streams service's {@code rocksdb.config.setter}, with the size from
 * {@code entente.streams.rocksdb-memory} ({@code ENTENTE_STREAMS_ROCKSDB_MEMORY}, a size such as {@code 32MB}).
 * The cache and the write-buffer manager are made by the first store opened in the JVM and then shared by every
 * store configured with the same size (a Kafka Streams in the same JVM with another size gets a cache of its own).
 * It does not size itself from the container's memory, and it does not free a cache (it lives as long as the JVM).
 */
public class BoundedRocksDbConfig implements RocksDBConfigSetter {

    /** The streams configuration key of the total size (block cache, memtables, indexes and filters together). */
    public static final String MEMORY_CONFIG = "entente.rocksdb.memory";
    /** Enough for the services' small stores (a few hundred bytes per key), measured in bench/results/experiments. */
    public static final String DEFAULT_MEMORY = "32MB";
    /** One store partition's memtable at most, flushed when full (or earlier, when the shared budget is). */
    static final long MEMTABLE_BYTES = 4L * 1024 * 1024;
    /**
     * The unit a memtable takes memory in (RocksDB's default is an eighth of the memtable, 512 KB here). Every store
     * partition that has been written holds at least one, and funnel-service alone has 18 (six stores, three
     * partitions): small blocks keep that floor well inside the budget.
     */
    static final long ARENA_BLOCK_BYTES = 64L * 1024;

    private static final Map<Long, Shared> BY_SIZE = new ConcurrentHashMap<>();

    /** The block cache and the memtables' budget that every store of this JVM uses. */
    record Shared(long capacityBytes, Cache cache, WriteBufferManager writeBuffers) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared memory = shared(configs.get(MEMORY_CONFIG));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setWriteBufferSize(Math.min(MEMTABLE_BYTES, memory.capacityBytes() / 8));
        options.setMaxWriteBufferNumber(2);
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store and live as long as the JVM
    }

    /** The JVM's shared memory of the size {@code configured} (the default when null), made on first use. */
    static Shared shared(Object configured) {
        long bytes = DataSize.parse(configured == null ? DEFAULT_MEMORY : configured.toString().trim()).toBytes();
        if (bytes < 1024 * 1024) {
            throw new IllegalArgumentException(MEMORY_CONFIG + " must be at least 1MB, not " + configured);
        }
        return BY_SIZE.computeIfAbsent(bytes, size -> {
            RocksDB.loadLibrary();
            Cache cache = new LRUCache(size, -1, false, 0.1);
            return new Shared(size, cache, new WriteBufferManager(size / 2, cache));
        });
    }
}
