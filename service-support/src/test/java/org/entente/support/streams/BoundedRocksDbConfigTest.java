package org.entente.support.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The shared RocksDB memory on a real Kafka Streams with a real RocksDB store, through RocksDB's own figures
 * (Kafka Streams' state metrics): the store's block cache is the configured one, not the 50 MB default, and after
 * far more data than the budget has gone in, its memtables stay within it.
 */
class BoundedRocksDbConfigTest {

    private static final String TOPIC = "bounded.rocksdb.in";
    private static final String STORE = "values";
    private static final int PARTITIONS = 2;
    private static final int RECORDS = 24_000;
    private static final int VALUE_BYTES = 1024;
    private static final long BUDGET = 8L * 1024 * 1024;

    private static EmbeddedKafkaKraftBroker broker;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.afterPropertiesSet();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void everyStorePartitionUsesTheOneConfiguredCacheAndItsMemtablesStayWithinTheBudget() throws Exception {
        publish();
        try (KafkaStreams streams = new KafkaStreams(topology(), config())) {
            streams.start();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> streams.state() == KafkaStreams.State.RUNNING
                    && storedKeys(streams) == RECORDS);

            Map<MetricName, ? extends Metric> metrics = streams.metrics();
            List<Double> capacities = storeMetric(metrics, "block-cache-capacity");
            assertThat(capacities).hasSize(PARTITIONS).containsOnly((double) BUDGET);
            // the budget's memtable half, and never more than two 1 MB memtables per store partition
            double memtables = storeMetric(metrics, "cur-size-all-mem-tables").stream()
                    .mapToDouble(Double::doubleValue).sum();
            assertThat(memtables).isPositive().isLessThanOrEqualTo(BUDGET / 2.0 + 1024 * 1024);
            assertThat(storeMetric(metrics, "block-cache-usage")).allSatisfy(usage ->
                    assertThat(usage).isLessThanOrEqualTo(BUDGET * 1.1));
        }
    }

    @Test
    void theSizeIsReadAsASizeAndOneSizeIsOneCache() {
        assertThat(BoundedRocksDbConfig.shared("8MB").capacityBytes()).isEqualTo(BUDGET);
        assertThat(BoundedRocksDbConfig.shared(null).capacityBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(BoundedRocksDbConfig.shared("8MB").cache()).isSameAs(BoundedRocksDbConfig.shared(" 8MB").cache());
    }

    private Properties config() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounded-rocksdb-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // as StreamsDefaults sets them for every Streams service, with a budget far below the data written
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, StreamsDefaults.ROCKSDB_CONFIG_SETTER);
        config.put(BoundedRocksDbConfig.MEMORY_CONFIG, "8MB");
        return config;
    }

    private static org.apache.kafka.streams.Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingDisabled());
        builder.stream(TOPIC, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .process(() -> new Processor<String, byte[], Void, Void>() {
                    private KeyValueStore<String, byte[]> store;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        store = context.getStateStore(STORE);
                    }

                    @Override
                    public void process(Record<String, byte[]> record) {
                        store.put(record.key(), record.value());
                    }
                }, STORE);
        return builder.build();
    }

    private static void publish() {
        Random random = new Random(17);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                byte[] value = new byte[VALUE_BYTES];
                random.nextBytes(value); // incompressible, so the store really holds RECORDS kilobytes
                producer.send(new ProducerRecord<>(TOPIC, "key-" + i, value));
            }
        }
    }

    private static long storedKeys(KafkaStreams streams) {
        try {
            var store = streams.store(StoreQueryParameters.fromNameAndType(STORE,
                    QueryableStoreTypes.<String, byte[]>keyValueStore()));
            long count = 0;
            try (var all = store.all()) {
                while (all.hasNext()) {
                    all.next();
                    count++;
                }
            }
            return count;
        } catch (RuntimeException notYetQueryable) {
            return -1;
        }
    }

    /** The metric of the store, one value per store partition (task). */
    private static List<Double> storeMetric(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(entry -> entry.getKey().group().equals("stream-state-metrics")
                        && entry.getKey().name().equals(name)
                        && STORE.equals(entry.getKey().tags().get("rocksdb-state-id")))
                .map(entry -> ((Number) entry.getValue().metricValue()).doubleValue())
                .toList();
    }
}
