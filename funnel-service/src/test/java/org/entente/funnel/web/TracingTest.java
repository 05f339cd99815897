package org.entente.funnel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.entente.events.EngagementRequested;
import org.entente.events.HandoffSlaBreached;
import org.entente.funnel.EmbeddedBrokerTest;
import org.entente.schemas.Topics;
import org.entente.testing.Traces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A funnel event posted over HTTP, and the alert it causes, are in the trace of the request: the event on the
 * events topic and the {@code EngagementRequested} or {@code HandoffSlaBreached} on the alerts topic carry its
 * trace id in their {@code traceparent}, each under a span of funnel's own.
 */
class TracingTest extends EmbeddedBrokerTest {

    @BeforeEach
    void ready() {
        awaitReady();
    }

    @Test
    void aBigOpportunityPostedOverHttpRaisesAnEngagementRequestInTheSameTrace() {
        String traceparent = Traces.newTraceparent();
        assertThat(post(traceparent, """
                {"eventId":"trace-big-1","organization":"traceco","leadId":"L-T1","type":"STAGE_ENTERED",
                 "step":"PURCHASE_INTENTION","team":"SALES","actor":"sam","amountCents":300000000}""")).isEqualTo(202);

        String event = Traces.traceparentOf(brokers(), Topics.FUNNEL_EVENTS.name(), "L-T1", Duration.ofSeconds(30));
        assertThat(Traces.traceId(event)).isEqualTo(Traces.traceId(traceparent));
        String alert = Traces.traceparentOf(brokers(), Topics.FUNNEL_ALERTS.name(),
                record -> "L-T1".equals(record.key()) && decode(record.value()) instanceof EngagementRequested,
                Duration.ofSeconds(60));
        assertThat(Traces.traceId(alert)).isEqualTo(Traces.traceId(traceparent));
        assertThat(alert).isNotEqualTo(event);
    }

    @Test
    void aBreachedHandoffIsInTheTraceOfTheHandoffNotOfTheEventThatRevealedIt() {
        Instant handedOff = Instant.now().minus(3, ChronoUnit.HOURS);
        String handoff = Traces.newTraceparent();
        assertThat(post(handoff, """
                {"eventId":"trace-sla-1","organization":"quick","leadId":"L-T2","type":"HANDED_OFF",
                 "team":"MARKETING","actor":"maria","occurredAt":"%s"}""".formatted(handedOff))).isEqualTo(202);
        // quick's SLA is one hour: a later event on the lead moves stream time past the deadline
        assertThat(post(Traces.newTraceparent(), """
                {"eventId":"trace-sla-2","organization":"quick","leadId":"L-T2","type":"STAGE_ENTERED",
                 "step":"BRAND_PREFERENCE","team":"MARKETING","actor":"maria","occurredAt":"%s"}"""
                .formatted(Instant.now().minusSeconds(5)))).isEqualTo(202);

        String alert = Traces.traceparentOf(brokers(), Topics.FUNNEL_ALERTS.name(),
                record -> "L-T2".equals(record.key()) && decode(record.value()) instanceof HandoffSlaBreached,
                Duration.ofSeconds(60));
        assertThat(Traces.traceId(alert)).isEqualTo(Traces.traceId(handoff));
    }

    private int post(String traceparent, String json) {
        return send(HttpRequest.newBuilder(URI.create(url("/api/funnel/events")))
                .header("Authorization", INTAKE)
                .header("Content-Type", "application/json")
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build()).statusCode();
    }

    private String brokers() {
        return broker.getBrokersAsString();
    }

    private static Object decode(byte[] value) {
        return Topics.FUNNEL_ALERTS.valueSerde().deserializer().deserialize(Topics.FUNNEL_ALERTS.name(), value);
    }
}
