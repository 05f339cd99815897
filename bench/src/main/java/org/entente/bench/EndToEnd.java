package org.entente.bench;

import static org.entente.bench.Children.say;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.entente.local.LocalStack;
import org.entente.local.Service;
import org.entente.schemas.Topics;

/**
 * Figure 3: response accepted (202) → first {@code StageClassified} → first {@code AdviceGenerated}, at a steady
 * rate, once every consumer group has caught up with the intake load (how long that took is a row of its own).
 */
final class EndToEnd implements Benchmark {

    private static final String FIGURE = "3. End to end";

    private final Plan plan;
    private final LocalStack stack;
    private final SuiteHttp http;

    EndToEnd(Plan plan, LocalStack stack, SuiteHttp http) {
        this.plan = plan;
        this.stack = stack;
        this.http = http;
    }

    @Override
    public void measure(Report report) throws Exception {
        drainBacklog(stack.bootstrapServers(), report);
        say("End to end: " + plan.e2eAssessments() + " assessments at " + plan.e2eRate() + "/s");
        URI survey = stack.url(Service.SURVEY);
        Map<String, Long> staged = new ConcurrentHashMap<>();
        Map<String, Long> advised = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Thread listener;
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.STAGES.name(), Topics.ADVICE.name())) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            listener = new Thread(() -> {
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                        long at = System.nanoTime();
                        (record.topic().equals(Topics.STAGES.name()) ? staged : advised).putIfAbsent(record.key(), at);
                    }
                }
            }, "bench-e2e-listener");
            listener.start();
            try {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < plan.e2eAssessments(); i++) {
                    String id = http.openAssessment(survey, 1);
                    http.postResponse(survey, id, "e2e-sales-" + i, "SALES");
                    ids.add(id);
                }
                Map<String, Long> accepted = new LinkedHashMap<>();
                Pacer pacer = new Pacer(plan.e2eRate());
                for (int i = 0; i < ids.size(); i++) {
                    pacer.awaitNext();
                    http.postResponse(survey, ids.get(i), "e2e-marketing-" + i, "MARKETING");
                    accepted.put(ids.get(i), System.nanoTime());
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline && !advised.keySet().containsAll(ids)) {
                    Thread.sleep(100);
                }
                List<Double> toStage = new ArrayList<>();
                List<Double> toAdvice = new ArrayList<>();
                accepted.forEach((id, at) -> {
                    if (staged.containsKey(id)) {
                        toStage.add((staged.get(id) - at) / 1e6);
                    }
                    if (advised.containsKey(id)) {
                        toAdvice.add((advised.get(id) - at) / 1e6);
                    }
                });
                report.addLatency(FIGURE, "accepted → StageClassified", toStage, ids.size(), 500);
                report.addLatency(FIGURE, "accepted → AdviceGenerated", toAdvice, ids.size(), 500);
                report.note("End to end: each assessment (anonymity threshold 1) first gets a Sales response; then, at "
                        + plan.e2eRate() + " per second, a Marketing response, whose 202 starts the clock. The clock "
                        + "stops when a read_committed consumer on this JVM first sees the assessment's "
                        + "StageClassified, then its AdviceGenerated. Measured warm, after the intake runs, once every consumer "
                        + "group has caught up with them.");
            } finally {
                running.set(false);
                listener.join(5000);
            }
        }
    }

    /**
     * Waits (up to three minutes) until every consumer group has caught up with the intake load, so that the
     * figures after it are taken at a steady rate rather than behind a backlog; how long that took is itself a row.
     */
    static void drainBacklog(String bootstrap, Report report) throws Exception {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.MINUTES.toNanos(3);
        Map<String, Long> lagByGroup = Map.of();
        try (Admin admin = Children.admin(bootstrap)) {
            while (System.nanoTime() < deadline) {
                lagByGroup = lagByGroup(admin);
                if (lagByGroup.values().stream().allMatch(lag -> lag == 0)) {
                    break;
                }
                Thread.sleep(500);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean drained = lagByGroup.values().stream().allMatch(lag -> lag == 0);
        say(String.format(Locale.ROOT, "  backlog after the intake runs %s in %.1f s: %s",
                drained ? "drained" : "NOT drained", seconds, lagByGroup));
        report.add(FIGURE, "seconds until every consumer group caught up after the intake runs",
                String.format(Locale.ROOT, "%.1f%s (n=1)", seconds, drained ? "" : " (gave up; lag " + lagByGroup + ")"));
    }

    private static Map<String, Long> lagByGroup(Admin admin) throws Exception {
        Map<String, Long> lags = new TreeMap<>();
        for (var group : admin.listConsumerGroups().all().get()) {
            var committed = admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            committed.keySet().forEach(tp -> request.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
            long lag = 0;
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                    // A transaction's commit marker may follow the last record a group committed: one offset that
                    // an idle exactly-once application never commits past. So a lag of one is no lag.
                    lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset() - 1);
                }
            }
            lags.put(group.groupId(), lag);
        }
        return lags;
    }
}
