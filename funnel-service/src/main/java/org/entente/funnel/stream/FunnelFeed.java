package org.entente.funnel.stream;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.entente.events.EngagementRequested;
import org.entente.events.FunnelEvent;
import org.entente.events.HandoffSlaBreached;
import org.entente.funnel.domain.FunnelEventRules;
import org.entente.funnel.domain.LeadEvent;
import org.entente.schemas.Topics;
import org.entente.support.reader.TopicReader;
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
 * <p>Each instance reads every partition from the end with the shared {@link TopicReader}, with no consumer group:
 * every instance relays everything to its own listeners, and nothing from before it started (or from while Kafka was
 * away). Repeated eventIds are relayed once (within the last few thousand). Messages that do not decode or break the
 * rules are skipped here; the topology dead-letters them. So the live stream is the same on every instance, whichever
 * instance holds an organization's state; it needs no relay. While no listener is connected nothing is fetched at
 * all (the reader's partitions are paused: fetching the three topics for nobody was 6 % of the service's CPU under
 * the HTTP intake); a newcomer is added once the reader follows the end again, so it hears everything published
 * after {@link #addListener} returned, and nothing from before.
 */
@Component
public class FunnelFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FunnelFeed.class);
    private static final int REMEMBERED_EVENT_IDS = 10_000;
    /** How long a newcomer waits for the reader to follow the end again before it is added all the same. */
    private static final Duration FOLLOWING_WITHIN = Duration.ofSeconds(5);
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
    private volatile TopicReader reader;

    public FunnelFeed(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    /**
     * Adds a listener, returning once everything published from now on will reach it (or after a few seconds when
     * Kafka is away: it then hears what is published once the feed reads again).
     */
    public void addListener(Consumer<FeedMessage> listener) {
        listeners.add(listener);
        TopicReader current = reader;
        if (current == null) {
            return;
        }
        try {
            current.following().get(FOLLOWING_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("the live feed is not following its topics yet; the listener hears what comes once it does");
        }
    }

    public void removeListener(Consumer<FeedMessage> listener) {
        listeners.remove(listener);
    }

    /** True once the feed reads from the end of every partition: from then on nothing published is missed. */
    public boolean isPositioned() {
        TopicReader current = reader;
        return current != null && current.isCaughtUp();
    }

    @Override
    public synchronized void start() {
        if (reader == null) {
            Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "funnel-service-live-feed");
            reader = new TopicReader("funnel-live-feed", config, TOPICS, TopicReader.StartAt.END, this::relay,
                    () -> { }).onlyWhileWanted(() -> !listeners.isEmpty());
        }
        reader.start();
    }

    @Override
    public synchronized void stop() {
        TopicReader current = reader;
        if (current != null) {
            current.close();
        }
        reader = null;
    }

    @Override
    public boolean isRunning() {
        TopicReader current = reader;
        return current != null && current.isRunning();
    }

    private void relay(ConsumerRecord<String, byte[]> record) {
        if (listeners.isEmpty()) {
            return; // the last listener left after this was fetched
        }
        FeedMessage message;
        try {
            message = decode(record);
        } catch (RuntimeException notForTheFeed) {
            return; // the topology dead-letters what does not decode
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
