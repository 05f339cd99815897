package org.entente.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.entente.schemas.Topics;

/**
 * One JVM's share of the scoring-throughput figure: runs a Kafka Streams application over the responses already on
 * the broker, several passes in this JVM (the first is the fresh-JVM figure, the later ones are warm), and prints
 * one {@code RESULT} line per pass for {@link Bench} to read.
 *
 * <p>Three applications, with the same settings as scoring-service's (exactly_once_v2, commit every 100 ms, one
 * stream thread): {@code scoring}, the service's own {@code ScoringTopology} built through {@code addTo};
 * {@code passthrough}, which reads each response, decodes it, encodes it again and writes it to
 * {@link #PASSTHROUGH_OUT}; and {@code repartition}, the same with a repartition by key between the decoding and
 * the encoding. Scoring brings its inputs onto its own partitioning (so that any producer's partitioner works),
 * which writes and reads every message once more; the repartitioning pass-through pays the same, so it is the
 * like-for-like floor for scoring, and the plain one the floor of any Kafka Streams application. {@code keeping} (full
 * runs only) is the repartitioning one that also reads and writes one stored entry per response: what remembering
 * each respondent under exactly-once costs any application, which scoring pays in its respondents store. Each pass
 * is a new application id, so it reads the input from the start. {@code funnel-passthrough} and
 * {@code funnel-repartition} (and {@code funnel-keeping}) do the same with funnel events from {@link #FUNNEL_IN}
 * (the baselines of {@link FunnelThroughput}).
 *
 * <p>Throughput is measured between the first and the last commit the pass makes (from the group's committed
 * offsets, polled every 50 ms), so start-up and the first rebalance are left out the same way for all. A pass ends
 * once every input offset is committed and, for an application with a repartition topic, once the step after the
 * repartition has committed everything on it too (what the input step committed last is on the repartition topic,
 * written in the same transaction); otherwise only the first half of the work would be timed.
 */
public final class StreamsPass {

    static final String PASSTHROUGH_OUT = "bench.passthrough.out";
    /** The funnel pass-throughs' input (the same events funnel-service is timed over) and output topics. */
    static final String FUNNEL_IN = "bench.funnel.in";
    static final String FUNNEL_OUT = "bench.funnel.out";
    /** The store of the {@code keeping} pass-through. */
    static final String KEPT_ENTRIES = "bench-kept-entries";
    static final String SCORING_TOPOLOGY = "org.entente.scoring.stream.ScoringTopology";
    /** The services' {@code rocksdb.config.setter}, service-support's (by name, as the services' settings name it). */
    static final String SCORING_ROCKSDB_CONFIG = "org.entente.support.streams.BoundedRocksDbConfig";

    private StreamsPass() {
    }

    /**
     * Runs each kind in a JVM of its own ({@link Children#streamsJvm()}), {@code runs} times, two passes per JVM,
     * and returns the records per second of each pass: by phase ("fresh JVM" for the first pass, "warm" for the
     * second), then by kind. A run that fails is noted in the report and its output kept under bench/target/.
     */
    static Map<String, Map<String, List<Double>>> runEach(List<String> kinds, String bootstrap, int runs,
            Path repository, Report report) throws Exception {
        Map<String, List<Double>> fresh = new LinkedHashMap<>();
        Map<String, List<Double>> warm = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            for (String kind : kinds) {
                List<String> command = new ArrayList<>(Children.javaCommand(Children.streamsJvm()));
                command.addAll(List.of(StreamsPass.class.getName(), kind, bootstrap, "2", "r" + run));
                List<String> output = Children.run(command, Duration.ofMinutes(15));
                if (output.stream().anyMatch(line -> line.startsWith("FAILED"))) {
                    Path log = repository.resolve("bench/target/streams-" + kind + "-r" + run + ".log");
                    Files.createDirectories(log.getParent());
                    Files.write(log, output);
                    Children.say("  run " + run + " " + kind + " failed; its output: " + log);
                }
                for (String line : output) {
                    String[] f = line.split(" ");
                    if (f[0].equals("RESULT")) {
                        double rate = Double.parseDouble(f[3]);
                        (f[2].equals("1") ? fresh : warm).computeIfAbsent(kind, k -> new ArrayList<>()).add(rate);
                        Children.say(String.format(Locale.ROOT, "  run %d %s pass %s: %.0f records/s", run, kind,
                                f[2], rate));
                    } else if (f[0].equals("FAILED")) {
                        report.note("Streams pass: " + line);
                    }
                }
            }
        }
        Map<String, Map<String, List<Double>>> byPhase = new LinkedHashMap<>();
        byPhase.put("fresh JVM", fresh);
        byPhase.put("warm", warm);
        return byPhase;
    }

    /**
     * Arguments: kind (scoring|passthrough|repartition|keeping|funnel-passthrough|funnel-repartition|funnel-keeping),
     * bootstrap servers, passes, a tag for application ids.
     */
    public static void main(String[] args) throws Exception {
        String kind = args[0];
        String bootstrap = args[1];
        int passes = Integer.parseInt(args[2]);
        String tag = args[3];
        List<String> inputs = kind.equals("scoring")
                ? List.of(Topics.ASSESSMENTS.name(), Topics.RESPONSES.name())
                : List.of(kind.startsWith("funnel-") ? FUNNEL_IN : Topics.RESPONSES.name());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, Long> ends = endOffsets(admin, inputs);
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            for (int pass = 1; pass <= passes; pass++) {
                String appId = "bench-" + kind + "-" + tag + "-" + pass;
                Path stateDir = Files.createTempDirectory("entente-bench-state");
                try (KafkaStreams streams = new KafkaStreams(topology(kind),
                        config(kind, appId, bootstrap, stateDir))) {
                    streams.setUncaughtExceptionHandler(e -> {
                        e.printStackTrace(System.out);
                        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                    });
                    streams.start();
                    long firstAt = 0;
                    long firstCount = 0;
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                    while (System.nanoTime() < deadline) {
                        if (streams.state() == KafkaStreams.State.ERROR
                                || streams.state() == KafkaStreams.State.PENDING_ERROR) {
                            System.out.printf("FAILED %s %d stopped with an error (see the output above)%n", kind,
                                    pass);
                            break;
                        }
                        long committed = committed(admin, appId, ends);
                        long now = System.nanoTime();
                        if (firstAt == 0 && committed > 0) {
                            firstAt = now;
                            firstCount = committed;
                        }
                        if (committed >= total && drained(admin, appId)) {
                            double seconds = (now - firstAt) / 1e9;
                            long counted = total - firstCount;
                            System.out.printf("RESULT %s %d %.1f %d %.3f%n", kind, pass,
                                    seconds > 0 ? counted / seconds : 0.0, counted, seconds);
                            break;
                        }
                        Thread.sleep(50);
                    }
                    if (System.nanoTime() >= deadline) {
                        System.out.printf("FAILED %s %d did not finish within 10 minutes%n", kind, pass);
                    }
                }
                try (var paths = Files.walk(stateDir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static org.apache.kafka.streams.Topology topology(String kind) throws ReflectiveOperationException {
        StreamsBuilder builder = new StreamsBuilder();
        switch (kind) {
            case "scoring" -> addScoringTopology(builder);
            case "passthrough", "repartition", "keeping" -> passThrough(builder, Topics.RESPONSES.name(),
                    Topics.RESPONSES.valueSerde(), PASSTHROUGH_OUT, step(kind));
            case "funnel-passthrough", "funnel-repartition", "funnel-keeping" -> passThrough(builder, FUNNEL_IN,
                    Topics.FUNNEL_EVENTS.valueSerde(), FUNNEL_OUT, step(kind));
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
        return builder.build();
    }

    private static Step step(String kind) {
        return kind.endsWith("keeping") ? Step.KEEP : kind.endsWith("repartition") ? Step.REPARTITION : Step.NONE;
    }

    /** How much a pass-through does between decoding and encoding each record. */
    private enum Step {
        /** Nothing. */
        NONE,
        /** A repartition by key. */
        REPARTITION,
        /**
         * A repartition by key, then one entry per record read and written in a changelogged RocksDB store (not
         * cached), as any application must that remembers each respondent or lead under exactly-once.
         */
        KEEP
    }

    /** Reads each record, decodes it, does {@code step}, encodes it again and writes it to {@code out}. */
    private static <T> void passThrough(StreamsBuilder builder, String in, Serde<T> serde, String out, Step step) {
        KStream<String, T> decoded = builder
                .stream(in, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .mapValues(bytes -> serde.deserializer().deserialize(in, bytes));
        if (step != Step.NONE) {
            decoded = decoded.repartition(Repartitioned.with(Serdes.String(), serde).withName("bench-by-key"));
        }
        KStream<String, byte[]> encoded = decoded.mapValues(value -> serde.serializer().serialize(out, value));
        if (step == Step.KEEP) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KEPT_ENTRIES),
                    Serdes.String(), Serdes.ByteArray()));
            encoded = encoded.process(KeepOneEntry::new, KEPT_ENTRIES);
        }
        encoded.to(out, Produced.with(Serdes.String(), Serdes.ByteArray()));
    }

    /**
     * Keeps one entry per record, under its key and its place on the repartition topic (so every record is a new
     * entry, as every response of the scoring figure is a new respondent and every event of the funnel figure a new
     * lead): looked up first, then written. Passes the record on as it is.
     */
    private static final class KeepOneEntry implements Processor<String, byte[], String, byte[]> {
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> entries;

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.entries = context.getStateStore(KEPT_ENTRIES);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            String entry = record.key() + "|" + context.recordMetadata()
                    .map(m -> m.partition() + ":" + m.offset()).orElseThrow();
            if (entries.get(entry) == null) {
                entries.put(entry, record.value());
            }
            context.forward(record);
        }
    }

    /**
     * Adds scoring-service's topology through {@code new ScoringTopology(clock).addTo(builder)}. By reflection:
     * the service's jar is a Spring Boot jar that cannot be a compile dependency, so {@code bench/run} puts
     * {@code scoring-service/target/classes} on this JVM's classpath instead.
     */
    private static void addScoringTopology(StreamsBuilder builder) throws ReflectiveOperationException {
        Class<?> topology = Class.forName(SCORING_TOPOLOGY);
        Object scoring = topology.getConstructor(Clock.class).newInstance(Clock.systemUTC());
        topology.getMethod("addTo", StreamsBuilder.class).invoke(scoring, builder);
    }

    /**
     * The streams settings scoring-service runs with (its application.yml), for every application; those with a
     * store (scoring, and the pass-through keeping an entry per response) also bound RocksDB's memory as the service
     * does.
     */
    private static Properties config(String kind, String appId, String bootstrap, Path stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        if (kind.equals("scoring") || kind.endsWith("keeping")) {
            config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, SCORING_ROCKSDB_CONFIG);
        }
        return config;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
        for (var description : admin.describeTopics(topics).allTopicNames().get().values()) {
            description.partitions().forEach(p ->
                    request.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new java.util.HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /**
     * Whether the application has read everything on its repartition topics (none: true): the group's committed
     * offset of each of their partitions has reached the partition's last stable offset.
     */
    private static boolean drained(Admin admin, String appId) throws Exception {
        List<String> repartitions = admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(appId + "-") && name.endsWith("-repartition"))
                .toList();
        if (repartitions.isEmpty()) {
            return true;
        }
        Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
        for (var description : admin.describeTopics(repartitions).allTopicNames().get().values()) {
            description.partitions().forEach(p ->
                    request.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
        }
        var stable = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get();
        for (var end : stable.entrySet()) {
            OffsetAndMetadata committed = offsets.get(end.getKey());
            if (end.getValue().offset() > 0 && (committed == null || committed.offset() < end.getValue().offset())) {
                return false;
            }
        }
        return true;
    }

    private static long committed(Admin admin, String groupId, Map<TopicPartition, Long> inputs) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        long sum = 0;
        for (TopicPartition tp : new ArrayList<>(inputs.keySet())) {
            OffsetAndMetadata offset = offsets.get(tp);
            if (offset != null) {
                sum += offset.offset();
            }
        }
        return sum;
    }
}
