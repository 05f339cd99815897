package org.entente.funnel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.entente.funnel.FunnelEvents.hours;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelStep;
import org.entente.events.Team;
import org.entente.funnel.EmbeddedBrokerTest;
import org.entente.funnel.FunnelEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An SSE client subscribed to the live stream hears what other applications publish to Kafka. */
class FunnelStreamTest extends EmbeddedBrokerTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile Stream<String> body;
    private Thread reader;

    private void subscribe(String query) {
        awaitReady();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/api/funnel/stream?" + query)))
                .header("Accept", "text/event-stream").header("Authorization", ADMIN).GET().build();
        reader = new Thread(() -> {
            try {
                HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
                body = response.body();
                body.forEach(lines::add);
            } catch (Exception closed) {
                // the test closed the stream
            }
        }, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:ready"));
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        if (body != null) {
            body.close();
        }
        if (reader != null) {
            reader.interrupt();
            reader.join(5_000);
        }
    }

    /** The data line that follows the named event line whose data contains {@code text}. */
    private boolean received(String eventName, String text) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).equals("event:" + eventName)) {
                for (int j = i + 1; j < lines.size() && !lines.get(j).isEmpty(); j++) {
                    if (lines.get(j).startsWith("data:") && lines.get(j).contains(text)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void anEventPublishedToKafkaReachesASubscribedClientFilteredByOrganizationAndTeam() {
        subscribe("organization=streamco&team=SALES");
        FunnelEvents streamco = FunnelEvents.of("streamco");
        FunnelEvents other = FunnelEvents.of("elsewhere");

        // Same lead key, so one partition: the filtered ones come before the one the client must see.
        publishDirectly(streamco.entered("s-marketing", "LS", FunnelStep.BRAND_PREFERENCE, hours(0)));
        publishDirectly(other.entered("s-other-org", "LS", FunnelStep.PURCHASE_INTENTION, hours(0)));
        publishDirectly(streamco.base("s-sales", "LS", FunnelEventType.STAGE_ENTERED, FunnelStep.PURCHASE_INTENTION,
                Team.SALES, hours(1)).setAmountCents(300_000_000L).build());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(received("funnel-event", "\"eventId\":\"s-sales\"")).isTrue();
            assertThat(received("alert", "\"kind\":\"ENGAGEMENT_REQUESTED\"")).isTrue();
            assertThat(received("metrics", "\"organization\":\"streamco\"")).isTrue();
        });
        assertThat(received("funnel-event", "s-marketing")).as("a Marketing event on a Sales stream").isFalse();
        assertThat(received("funnel-event", "s-other-org")).as("another organization's event").isFalse();
        assertThat(String.join("\n", lines)).doesNotContain("elsewhere");
    }

    @Test
    void aHandoffLeftWaitingPastTheOrganizationsSlaRaisesOneAlertThatReachesTheClient() {
        // an organization of its own (TracingTest breaches a handoff of "quick" in the same context), SLA 1h
        subscribe("organization=quick-stream");
        FunnelEvents quick = FunnelEvents.of("quick-stream");

        publishDirectly(quick.entered("q1", "LQ", FunnelStep.BRAND_PREFERENCE, hours(0)));
        publishDirectly(quick.handedOff("q2", "LQ", hours(1)));
        // Later events of the same lead (same partition) move stream time past the deadline.
        publishDirectly(quick.base("q3", "LQ", FunnelEventType.STAGE_ENTERED, FunnelStep.BRAND_PREFERENCE,
                Team.MARKETING, hours(3)).setActor("marketing-automation").build());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(received("alert", "\"kind\":\"HANDOFF_SLA_BREACHED\"")).isTrue();
            assertThat(received("metrics", "\"slaBreaches\":1")).isTrue();
        });

        publishDirectly(quick.accepted("q4", "LQ", hours(5)));
        await().atMost(Duration.ofSeconds(30)).until(() -> received("funnel-event", "\"eventId\":\"q4\"")
                && received("metrics", "\"accepted\":1"));
        assertThat(lines.stream().filter(line -> line.contains("HANDOFF_SLA_BREACHED"))).hasSize(1);
    }
}
