package org.entente.funnel.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.entente.funnel.delivery.ChannelSender.DeliveryFailed;
import org.entente.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Delivers {@code HandoffSlaBreached} and {@code EngagementRequested} from {@code entente.funnel.alerts.v1} to the
 * chat webhooks and mailboxes their organization's routes name, on a thread of its own (never from inside the Kafka
 * Streams topology).
 *
 * <p>How often an alert reaches a channel: <b>at least once, and in practice once</b>. The consumer group
 * ({@code entente.funnel.alerts.group}) commits an alert's offset only after every channel of the alert has been
 * delivered or given up, so a crash resends rather than loses. Before sending, the idempotency key
 * ({@code <alertId>|routes[i].<channel>}) is looked up in the {@link DeliveredLog} (a compacted topic, read whole
 * before the first alert is handled); right after a channel accepts, the key is written there. So a restart, a
 * rebalance, a second instance or a fresh consumer group does not resend. Exactly once is not possible with a
 * webhook or SMTP server that does not de-duplicate: if the process dies between the receiver's "OK" and the
 * delivered record reaching Kafka (milliseconds), that one channel gets the alert again.
 *
 * <p>A failing channel is retried with exponential backoff ({@code attempts}, {@code backoff}, {@code max-backoff});
 * after the last attempt it is given up for that alert (logged, counted nowhere yet) so one dead webhook does not
 * hold back the others. Alerts older than {@code max-age} are skipped. Log lines name the route and channel
 * ({@code routes[0].slack}), never a URL or an address. It does not yet park given-up alerts for a later retry.
 */
public class AlertDelivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final AlertDeliveryProperties properties;
    private final ChannelSender sender;
    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final Runnable whileTopicsMissing;
    private final Deserializer<SpecificRecord> alerts = Topics.FUNNEL_ALERTS.valueSerde().deserializer();
    private volatile boolean running;
    /** Counted down by {@link #stop()}: waits between attempts end early on it (an interrupt would break Kafka's close). */
    private volatile CountDownLatch stopping = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private DeliveredLog deliveredLog;
    private Thread thread;

    /**
     * @param consumerConfig and producerConfig: the service's Kafka settings (bootstrap servers, credentials)
     * @param whileTopicsMissing called while the delivered-log topic is not there yet (creates the service's topics)
     */
    public AlertDelivery(AlertDeliveryProperties properties, ChannelSender sender, Map<String, Object> consumerConfig,
            Map<String, Object> producerConfig, Runnable whileTopicsMissing) {
        this.properties = properties;
        this.sender = sender;
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.producerConfig = Map.copyOf(producerConfig);
        this.whileTopicsMissing = whileTopicsMissing;
    }

    @Override
    public synchronized void start() {
        if (running || !properties.enabled()) {
            return;
        }
        running = true;
        stopping = new CountDownLatch(1);
        deliveredLog = new DeliveredLog(consumerConfig, producerConfig, whileTopicsMissing);
        deliveredLog.start();
        thread = new Thread(this::run, "funnel-alert-delivery");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopping.countDown();
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deliveredLog.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                awaitDeliveredLog();
                consume();
            } catch (WakeupException | InterruptException | InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Offsets of undelivered alerts were not committed: starting over resends nothing delivered.
                log.warn("alert delivery stopped ({}); starting over", e.getClass().getSimpleName());
                try {
                    pause(Duration.ofSeconds(5));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void awaitDeliveredLog() throws InterruptedException {
        while (running && !deliveredLog.isCaughtUp()) {
            pause(POLL);
        }
    }

    private void consume() throws InterruptedException {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.group());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // One alert per poll: its retries (up to minutes) must stay well inside max.poll.interval.ms.
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "funnel-alert-delivery");
        try (var kafka = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            kafka.subscribe(List.of(Topics.FUNNEL_ALERTS.name()));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                    handle(record);
                    kafka.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                }
            }
        } finally {
            consumer = null;
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        Duration maxAge = properties.maxAge();
        if (!maxAge.isZero() && Instant.ofEpochMilli(record.timestamp()).isBefore(Instant.now().minus(maxAge))) {
            return;
        }
        Alert alert;
        try {
            alert = Alert.of(alerts.deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            log.warn("skipped an alert that could not be read at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        if (alert == null) {
            return;
        }
        for (Target target : properties.targetsOf(alert)) {
            String key = target.keyFor(alert);
            if (!deliveredLog.contains(key)) {
                deliver(target, alert, key);
            }
        }
    }

    private void deliver(Target target, Alert alert, String key) throws InterruptedException {
        Duration wait = properties.backoff();
        int attempts = Math.max(1, properties.attempts());
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                sender.send(target, alert);
            } catch (DeliveryFailed e) {
                if (attempt == attempts) {
                    log.warn("gave up delivering alert {} after {} attempts: {}", alert.id(), attempts,
                            e.getMessage());
                    return;
                }
                log.info("alert {} not delivered (attempt {} of {}): {}; retrying in {}", alert.id(), attempt,
                        attempts, e.getMessage(), wait);
                if (pause(wait)) {
                    throw new InterruptedException("stopped");
                }
                wait = min(wait.multipliedBy(2), properties.maxBackoff());
                continue;
            }
            try {
                deliveredLog.record(key);
            } catch (ExecutionException | TimeoutException e) {
                // Delivered but not recorded: the offset is not committed either, so this may be sent again.
                throw new IllegalStateException("could not record a delivery", e);
            }
            log.info("delivered alert {} to {}", alert.id(), target.name());
            return;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Waits, and says whether delivery is stopping. */
    private boolean pause(Duration duration) throws InterruptedException {
        return stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }
}
