package org.entente.funnel.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.entente.events.EngagementRequested;
import org.entente.events.FunnelEvent;
import org.entente.events.HandoffSlaBreached;
import org.entente.funnel.domain.FunnelEventRules;
import org.entente.funnel.domain.LeadEvent;
import org.entente.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Relays what happens in the funnel to live listeners (the SSE endpoint): valid funnel events, alerts and metrics
 * as they reach their topics. It is a plain consumer of the committed output, never a side effect inside the
 * topology, so a listener only hears what Kafka kept.
 *
 * <p>Each instance reads every partition from the end, with no consumer group: every instance relays everything
 * to its own listeners, and nothing from before it started. So the live stream is the same on every instance,
 * whichever instance holds an organization's state; it needs no relay. Repeated eventIds are relayed once (within the last
 * few thousand). Messages that do not decode or break the rules are skipped here; the topology dead-letters them.
 */
@Component
public class FunnelFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FunnelFeed.class);
    private static final int REMEMBERED_EVENT_IDS = 10_000;
    private static final List<String> TOPICS = List.of(
            Topics.FUNNEL_EVENTS.name(), Topics.FUNNEL_ALERTS.name(), Topics.FUNNEL_METRICS.name());

    private final KafkaProperties kafka;
    private final List<Consumer<FeedMessage>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> recentEventIds = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_EVENT_IDS;
        }
    };
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile boolean positioned;

    public FunnelFeed(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    public void addListener(Consumer<FeedMessage> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<FeedMessage> listener) {
        listeners.remove(listener);
    }

    /** True once the feed reads from the end of every partition: from then on nothing published is missed. */
    public boolean isPositioned() {
        return positioned;
    }

    @Override
    public void start() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "funnel-service-live-feed");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "funnel-live-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = consumer) {
            position(c);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                    relay(record);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer up
        } catch (RuntimeException e) {
            log.error("the live funnel feed stopped", e);
        } finally {
            running = false;
        }
    }

    private void position(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            List<PartitionInfo> infos = List.of();
            while (running && infos.isEmpty()) {
                try {
                    List<PartitionInfo> found = c.partitionsFor(topic, Duration.ofSeconds(10));
                    infos = found == null ? List.of() : found;
                } catch (org.apache.kafka.common.errors.TimeoutException brokerNotThereYet) {
                    log.warn("the live feed is waiting for Kafka to describe {}", topic);
                }
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        if (!running) {
            return;
        }
        c.assign(partitions);
        c.seekToEnd(partitions);
        partitions.forEach(c::position);
        positioned = true;
    }

    private void relay(ConsumerRecord<String, byte[]> record) {
        FeedMessage message;
        try {
            message = decode(record);
        } catch (RuntimeException notForTheFeed) {
            return;
        }
        if (message == null) {
            return;
        }
        for (Consumer<FeedMessage> listener : listeners) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                log.debug("a live feed listener failed", e);
            }
        }
    }

    private FeedMessage decode(ConsumerRecord<String, byte[]> record) {
        if (record.topic().equals(Topics.FUNNEL_EVENTS.name())) {
            FunnelEvent event = Topics.FUNNEL_EVENTS.valueSerde().deserializer().deserialize(record.topic(),
                    record.value());
            if (event == null || !FunnelEventRules.check(LeadEvent.from(event)).isEmpty()
                    || recentEventIds.put(event.getEventId(), Boolean.TRUE) != null) {
                return null;
            }
            return new FeedMessage.Event(event);
        }
        if (record.topic().equals(Topics.FUNNEL_ALERTS.name())) {
            SpecificRecord alert = Topics.FUNNEL_ALERTS.valueSerde().deserializer().deserialize(record.topic(),
                    record.value());
            if (alert instanceof HandoffSlaBreached breach) {
                return new FeedMessage.Alert(breach.getOrganization(), breach);
            }
            if (alert instanceof EngagementRequested request) {
                return new FeedMessage.Alert(request.getOrganization(), request);
            }
            return null;
        }
        var metrics = Topics.FUNNEL_METRICS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        return metrics == null ? null : new FeedMessage.Metrics(metrics);
    }
}
