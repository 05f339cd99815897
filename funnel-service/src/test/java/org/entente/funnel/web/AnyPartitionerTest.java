package org.entente.funnel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.entente.funnel.FunnelEvents.hours;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.entente.events.FunnelEvent;
import org.entente.funnel.EmbeddedBrokerTest;
import org.entente.funnel.FunnelEvents;
import org.entente.schemas.Topics;
import org.entente.testing.Crc32Partitioner;
import org.entente.testing.RawProducer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One lead's events from two producers: the HTTP intake (the service's own Java producer, murmur2) and a CRM on
 * librdkafka (CRC32, stood in for by {@link Crc32Partitioner}) publishing straight onto the topic. For leads whose
 * two partitions differ, the events must still form one history: a handoff from the CRM, its acceptance over HTTP,
 * the win from the CRM again, all in the organization's metrics.
 */
class AnyPartitionerTest extends EmbeddedBrokerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ORGANIZATION = "umbrella";
    private static final int LEADS = 4;

    @Test
    void oneLeadsEventsFromTwoProducersFormOneHistory() throws Exception {
        awaitReady();
        FunnelEvents crm = FunnelEvents.of(ORGANIZATION);
        try (RawProducer crmProducer = RawProducer.likeLibrdkafka(broker.getBrokersAsString())) {
            int partitions = crmProducer.partitionCount(Topics.FUNNEL_EVENTS.name());
            List<String> leads = new ArrayList<>();
            for (int i = 0; leads.size() < LEADS; i++) {
                String lead = "U-" + i;
                if (Crc32Partitioner.javaPartitionFor(lead, partitions)
                        != Crc32Partitioner.partitionFor(lead, partitions)) {
                    leads.add(lead); // only leads whose two producers write to different partitions
                }
            }
            for (String lead : leads) {
                assertThat(postJson("/api/funnel/events", """
                        {"eventId":"%s-1","organization":"%s","leadId":"%s","type":"STAGE_ENTERED",
                         "step":"BRAND_PREFERENCE","team":"MARKETING","actor":"maria","occurredAt":"%s"}"""
                        .formatted(lead, ORGANIZATION, lead, hours(0))).statusCode()).isEqualTo(202);
                publish(crmProducer, crm.handedOff(lead + "-2", lead, hours(1)));
                assertThat(postJson("/api/funnel/events", """
                        {"eventId":"%s-3","organization":"%s","leadId":"%s","type":"ACCEPTED",
                         "team":"SALES","actor":"sam","occurredAt":"%s"}"""
                        .formatted(lead, ORGANIZATION, lead, hours(2))).statusCode()).isEqualTo(202);
                publish(crmProducer, crm.won(lead + "-4", lead, "ACC-" + lead, 10_000_00, 3_000_00, hours(3)));
            }
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var response = get("/api/funnel/metrics?organization=" + ORGANIZATION);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode m = JSON.readTree(response.body());
            assertThat(m.get("handoffs").asLong()).isEqualTo(LEADS);
            assertThat(m.get("accepted").asLong()).isEqualTo(LEADS);
            assertThat(m.get("acceptanceRate").asDouble()).isEqualTo(1.0);
            assertThat(m.get("wins").asLong()).isEqualTo(LEADS);
            assertThat(m.get("leadsAtStep").get("PURCHASE").asLong()).isEqualTo(LEADS);
            assertThat(m.get("leadsAtStep").get("BRAND_PREFERENCE").asLong()).isZero();
        });
    }

    private static void publish(RawProducer producer, FunnelEvent event) throws Exception {
        producer.send(Topics.FUNNEL_EVENTS.name(), event.getLeadId(),
                Topics.FUNNEL_EVENTS.valueSerde().serializer().serialize(Topics.FUNNEL_EVENTS.name(), event));
    }
}
