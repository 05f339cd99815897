package org.entente.scoring.config;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory RocksDB takes outside the Java heap, for every state store of the scoring service together:
 * one block cache of {@link #TOTAL_OFF_HEAP_BYTES} shared by every store partition, with their memtables
 * (at most {@link #TOTAL_MEMTABLE_BYTES} of it, through a shared write-buffer manager) and their index and filter
 * blocks charged to it. Without it each store partition gets Kafka Streams' defaults (a 50 MB block cache and up to
 * three 16 MB memtables each), so the service's memory grew with its partitions and stores.
 *
 * <p>Set as {@code rocksdb.config.setter} in the streams configuration. The scoring state is small (a few hundred
 * bytes per assessment and per respondent), so a small cache costs little; what it does not do yet is size itself
 * from the container's memory.
 */
public class BoundedRocksDbConfig implements RocksDBConfigSetter {

    /** Block cache, memtables, indexes and filters of every store partition together. */
    static final long TOTAL_OFF_HEAP_BYTES = 32L * 1024 * 1024;
    /** The memtables' share of it. */
    static final long TOTAL_MEMTABLE_BYTES = 16L * 1024 * 1024;
    /** One store partition's memtable, flushed when full (or when the shared budget is). */
    static final long MEMTABLE_BYTES = 4L * 1024 * 1024;

    private static final Cache CACHE;
    private static final WriteBufferManager WRITE_BUFFERS;

    static {
        RocksDB.loadLibrary();
        CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, 0.1);
        WRITE_BUFFERS = new WriteBufferManager(TOTAL_MEMTABLE_BYTES, CACHE);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store and live as long as the service
    }
}
