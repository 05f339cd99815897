package org.entente.bench;

import static org.entente.bench.Children.say;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelMetrics;
import org.entente.events.FunnelStep;
import org.entente.events.Team;
import org.entente.local.LocalStack;
import org.entente.schemas.Topics;

/**
 * Figure 7: funnel throughput from the topic. Funnel events published straight onto
 * {@code entente.funnel.events.v1} (as a CRM would) and timed through the running funnel-service until its
 * published metrics count every one of them, beside a pass-through Kafka Streams application ({@link StreamsPass},
 * exactly_once_v2 as funnel-service) over the same events on the same broker in the same run.
 *
 * <p>Both are clocked the same way: from the application's first commit of the input until it is done (the
 * pass-through: every input offset committed; funnel-service: every organization's metrics on
 * {@code entente.funnel.metrics.v1} count all its leads), records counted after that first commit. funnel-service
 * is warm by then (the intake runs came first), so it is set against the pass-through's warm passes.
 */
final class FunnelThroughput implements Benchmark {

    private static final String FIGURE = "7. Funnel throughput";
    private static final String GROUP = "funnel-service";
    private static final int LEADS_PER_ORGANIZATION = 50;

    private final Plan plan;
    private final LocalStack stack;
    private final Path repository;

    FunnelThroughput(Plan plan, LocalStack stack, Path repository) {
        this.plan = plan;
        this.stack = stack;
        this.repository = repository;
    }

    @Override
    public void measure(Report report) throws Exception {
        String bootstrap = stack.bootstrapServers();
        int count = plan.funnelEvents();
        say("Funnel throughput from the topic: " + count + " events, " + LEADS_PER_ORGANIZATION
                + " leads per organization");
        // the baseline's topics first: a producer may wait long for a topic the broker has only just made
        try (Admin admin = Children.admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(StreamsPass.FUNNEL_IN, 3, (short) 1),
                    new NewTopic(StreamsPass.FUNNEL_OUT, 3, (short) 1))).all().get();
        }
        List<Double> service = new ArrayList<>();
        for (int run = 1; run <= plan.streamRuns(); run++) {
            Double rate = throughFunnelService(bootstrap, events("bench-tp" + run + "-" + System.currentTimeMillis(),
                    count));
            if (rate != null) {
                service.add(rate);
                say(String.format(Locale.ROOT, "  run %d funnel-service: %.0f events/s", run, rate));
            } else {
                report.unmeasured("Funnel throughput run " + run,
                        "funnel-service's metrics did not count every event within 5 minutes");
            }
        }
        produce(bootstrap, StreamsPass.FUNNEL_IN, events("bench-pass-" + System.currentTimeMillis(), count));
        // the smoke run only proves the harness: the plain pass-through is enough for that (and keeps CI short)
        List<String> kinds = plan.smoke() ? List.of("funnel-passthrough")
                : List.of("funnel-passthrough", "funnel-repartition", "funnel-keeping");
        var passes = StreamsPass.runEach(kinds, bootstrap, plan.streamRuns(), repository, report).get("warm");
        Stats funnel = Stats.of(service);
        Stats pass = Stats.of(passes.getOrDefault("funnel-passthrough", List.of()));
        Stats repartition = Stats.of(passes.getOrDefault("funnel-repartition", List.of()));
        Double ratio = Report.ratio(funnel, pass);
        report.add(new Report.Row(FIGURE, "events/s until the metrics count them, warm", funnel.format("%.0f"),
                "pass-through " + pass.format("%.0f"), Report.pct(ratio), "≥ 50 %",
                Report.met(ratio == null ? null : ratio >= 0.50)));
        report.add(new Report.Row(FIGURE, "events/s, warm, against a pass-through with a repartition",
                funnel.format("%.0f"), "pass-through with a repartition " + repartition.format("%.0f"),
                Report.pct(Report.ratio(funnel, repartition)), "–", "–"));
        if (!plan.smoke()) {
            Stats keeping = Stats.of(passes.getOrDefault("funnel-keeping", List.of()));
            report.add(new Report.Row(FIGURE, "events/s, warm, against a pass-through with a repartition keeping one "
                    + "stored entry per event", funnel.format("%.0f"), "keeping an entry " + keeping.format("%.0f")
                    + " (" + Report.pct(Report.ratio(keeping, pass)) + " of the plain one)",
                    Report.pct(Report.ratio(funnel, keeping)), "–", "–"));
        }
        report.note("Funnel throughput: " + count + " STAGE_ENTERED events (" + count / LEADS_PER_ORGANIZATION
                + " fresh organizations of " + LEADS_PER_ORGANIZATION + " leads, one event per lead, keyed by "
                + "lead) published at full speed onto entente.funnel.events.v1 of the running suite, " + plan.streamRuns()
                + " time(s); clocked from funnel-service's first commit of them until a read_committed consumer has "
                + "seen every organization's FunnelMetrics count all its leads (funnel-service repartitions by "
                + "organization, keeps each lead's history, and publishes each changed organization's metrics once per "
                + "commit interval). "
                + "Baseline: the same events on a topic of their own, through a pass-through Kafka Streams "
                + "application (decode, encode, write; exactly_once_v2, commit.interval.ms 100, one stream thread) "
                + "in its own JVM, its warm (second) pass, from its first commit to its last; with one repartition "
                + "by key beside it, and (full runs) one that also keeps one entry per event in a changelogged "
                + "RocksDB store, read before it is written (what keeping each lead costs any application).");
    }

    /** Encoded events, keyed by lead: {@code count / 50} organizations of 50 leads, each lead entering a step. */
    private static List<ProducerRecord<String, byte[]>> events(String prefix, int count) {
        Instant now = Instant.now();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String organization = prefix + "-o" + i / LEADS_PER_ORGANIZATION;
            String lead = prefix + "-l" + i;
            FunnelEvent event = FunnelEvent.newBuilder().setEventId(prefix + "-e" + i).setOrganization(organization)
                    .setLeadId(lead).setType(FunnelEventType.STAGE_ENTERED).setStep(FunnelStep.BRAND_AWARENESS)
                    .setTeam(Team.MARKETING).setActor("bench").setOccurredAt(now).build();
            records.add(new ProducerRecord<>(Topics.FUNNEL_EVENTS.name(), lead,
                    Topics.FUNNEL_EVENTS.valueSerde().serializer().serialize(Topics.FUNNEL_EVENTS.name(), event)));
        }
        return records;
    }

    private static void produce(String bootstrap, String topic, List<ProducerRecord<String, byte[]>> records) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()));
            }
            producer.flush();
        }
    }

    /** Events per second through funnel-service, or null when its metrics did not count them all in time. */
    private Double throughFunnelService(String bootstrap, List<ProducerRecord<String, byte[]>> records)
            throws Exception {
        Map<String, Long> wanted = new HashMap<>();
        for (ProducerRecord<String, byte[]> record : records) {
            String organization = Topics.FUNNEL_EVENTS.valueSerde().deserializer()
                    .deserialize(Topics.FUNNEL_EVENTS.name(), record.value()).getOrganization().toString();
            wanted.merge(organization, 1L, Long::sum);
        }
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (Admin admin = Children.admin(bootstrap);
                KafkaConsumer<String, byte[]> metrics =
                        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            metrics.partitionsFor(Topics.FUNNEL_METRICS.name())
                    .forEach(p -> partitions.add(new TopicPartition(Topics.FUNNEL_METRICS.name(), p.partition())));
            metrics.assign(partitions);
            metrics.seekToEnd(partitions);
            partitions.forEach(metrics::position);
            long before = committed(admin);
            produce(bootstrap, Topics.FUNNEL_EVENTS.name(), records);
            long firstAt = 0;
            long firstCount = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            long nextOffsetCheck = 0;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : metrics.poll(Duration.ofMillis(20))) {
                    Long expected = wanted.get(record.key());
                    if (expected != null && counted(record.value()) >= expected) {
                        wanted.remove(record.key());
                    }
                }
                long now = System.nanoTime();
                if (firstAt == 0 && now >= nextOffsetCheck) {
                    long committed = committed(admin) - before;
                    if (committed > 0) {
                        firstAt = now;
                        firstCount = committed;
                    }
                    nextOffsetCheck = now + TimeUnit.MILLISECONDS.toNanos(50);
                }
                if (wanted.isEmpty() && firstAt != 0) {
                    double seconds = (now - firstAt) / 1e9;
                    return seconds > 0 ? (records.size() - firstCount) / seconds : null;
                }
            }
            return null;
        }
    }

    private static long counted(byte[] value) {
        FunnelMetrics metrics = Topics.FUNNEL_METRICS.valueSerde().deserializer()
                .deserialize(Topics.FUNNEL_METRICS.name(), value);
        long leads = 0;
        for (var entry : metrics.getLeadsAtStep().entrySet()) {
            leads += entry.getValue();
        }
        return leads;
    }

    /** funnel-service's committed offsets on the funnel events topic, summed over its partitions. */
    private static long committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
        long sum = 0;
        for (var entry : offsets.entrySet()) {
            if (entry.getKey().topic().equals(Topics.FUNNEL_EVENTS.name()) && entry.getValue() != null) {
                sum += entry.getValue().offset();
            }
        }
        return sum;
    }

}
