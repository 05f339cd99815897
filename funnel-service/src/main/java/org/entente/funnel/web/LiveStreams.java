package org.entente.funnel.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.entente.events.EngagementRequested;
import org.entente.events.HandoffSlaBreached;
import org.entente.events.Team;
import org.entente.funnel.stream.FeedMessage;
import org.entente.funnel.stream.FunnelFeed;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open Server-Sent Event streams: each one listens to the {@link FunnelFeed} through its filter and is dropped
 * when its client goes away. On shutdown every stream is completed first, so the web server does not wait for
 * clients that would never hang up.
 */
@Component
public class LiveStreams implements SmartLifecycle {

    private static final Duration TIMEOUT = Duration.ofHours(1);

    private final FunnelFeed feed;
    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    public LiveStreams(FunnelFeed feed) {
        this.feed = feed;
    }

    /** A new stream of the messages about {@code organization} (all when null) and, for events, {@code team}. */
    public SseEmitter open(String organization, Team team) throws IOException {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Consumer<FeedMessage> listener = new Consumer<>() {
            @Override
            public void accept(FeedMessage message) {
                if (!wanted(message, organization, team)) {
                    return;
                }
                try {
                    send(emitter, message);
                } catch (IOException | IllegalStateException gone) {
                    close(emitter, this);
                }
            }
        };
        emitter.onCompletion(() -> close(emitter, listener));
        emitter.onTimeout(() -> close(emitter, listener));
        emitter.onError(e -> close(emitter, listener));
        open.add(emitter);
        feed.addListener(listener);
        // "ready": from here on the client hears everything published (the feed follows the end for it)
        emitter.send(SseEmitter.event().name("ready").data(Map.of(
                "organization", organization == null ? "" : organization,
                "team", team == null ? "" : team.name()), MediaType.APPLICATION_JSON));
        return emitter;
    }

    private void close(SseEmitter emitter, Consumer<FeedMessage> listener) {
        feed.removeListener(listener);
        open.remove(emitter);
    }

    private static boolean wanted(FeedMessage message, String organization, Team team) {
        if (organization != null && !organization.isBlank() && !organization.equals(message.organization())) {
            return false;
        }
        return team == null || !(message instanceof FeedMessage.Event e) || e.event().getTeam() == team;
    }

    private static void send(SseEmitter emitter, FeedMessage message) throws IOException {
        if (message instanceof FeedMessage.Event e) {
            emitter.send(SseEmitter.event().name("funnel-event").id(e.event().getEventId())
                    .data(FeedViews.EventView.of(e.event()), MediaType.APPLICATION_JSON));
        } else if (message instanceof FeedMessage.Alert a) {
            Object view = a.alert() instanceof HandoffSlaBreached b ? FeedViews.AlertView.of(b)
                    : FeedViews.AlertView.of((EngagementRequested) a.alert());
            emitter.send(SseEmitter.event().name("alert").data(view, MediaType.APPLICATION_JSON));
        } else if (message instanceof FeedMessage.Metrics m) {
            emitter.send(SseEmitter.event().name("metrics").data(MetricsView.from(m.metrics()),
                    MediaType.APPLICATION_JSON));
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        open.forEach(SseEmitter::complete);
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
