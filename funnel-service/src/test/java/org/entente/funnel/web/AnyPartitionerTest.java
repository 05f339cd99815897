package org.entente.funnel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.entente.funnel.FunnelEvents.hours;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.entente.events.EngagementRequested;
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

    /**
     * The rules of engagement about an organization and about collateral, with each lead's events split between the
     * two producers (leads whose partitions differ): an account entering the top accounts by open amount, a
     * collateral review requested over HTTP and approved by the CRM (no overdue alert), and one requested by the CRM
     * that Sales leaves waiting past its 48h SLA (one overdue alert, once a later event of the lead moves stream time).
     * The board lists the account and the review still waiting.
     */
    @Test
    void rulesOfEngagementHoldForEventsFromTwoProducers() throws Exception {
        awaitReady();
        String organization = "initech";
        FunnelEvents crm = FunnelEvents.of(organization);
        List<String> leads = new ArrayList<>();
        try (RawProducer crmProducer = RawProducer.likeLibrdkafka(broker.getBrokersAsString())) {
            int partitions = crmProducer.partitionCount(Topics.FUNNEL_EVENTS.name());
            for (int i = 0; leads.size() < 2; i++) {
                String lead = "I-" + i;
                if (Crc32Partitioner.javaPartitionFor(lead, partitions)
                        != Crc32Partitioner.partitionFor(lead, partitions)) {
                    leads.add(lead);
                }
            }
            String approved = leads.get(0);
            String waiting = leads.get(1);
            // Times near now: stream time is shared with the other tests' events, and a request that arrives after
            // stream time passed its deadline is overdue at once (as a handoff is).
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            publish(crmProducer, crm.opportunity(approved + "-1", approved, "ACC-BIG", 900_000_00, now.minus(Duration.ofHours(3))));
            assertThat(postJson("/api/funnel/events", """
                    {"eventId":"%s-2","organization":"%s","leadId":"%s","type":"STAGE_ENTERED","team":"MARKETING",
                     "actor":"maria","occurredAt":"%s","collateralReview":{"collateralId":"deck-1","status":"REQUESTED"}}"""
                    .formatted(approved, organization, approved, now.minus(Duration.ofHours(2)))).statusCode())
                    .isEqualTo(202);
            publish(crmProducer, crm.reviewApproved(approved + "-3", approved, "deck-1", now.minus(Duration.ofHours(1))));

            publish(crmProducer, crm.reviewRequested(waiting + "-1", waiting, "flyer-1", now.minus(Duration.ofHours(60))));
            assertThat(postJson("/api/funnel/events", """
                    {"eventId":"%s-2","organization":"%s","leadId":"%s","type":"STAGE_ENTERED",
                     "step":"BRAND_AWARENESS","team":"MARKETING","actor":"maria","occurredAt":"%s"}"""
                    .formatted(waiting, organization, waiting, now.minus(Duration.ofHours(1)))).statusCode())
                    .isEqualTo(202);
        }

        List<EngagementRequested> requests = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> alerts = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.FUNNEL_ALERTS.keySerde().deserializer(), Topics.FUNNEL_ALERTS.valueSerde().deserializer())) {
            var partitions = alerts.partitionsFor(Topics.FUNNEL_ALERTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            alerts.assign(partitions);
            alerts.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                alerts.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value() instanceof EngagementRequested e && e.getOrganization().equals(organization)) {
                        requests.add(e);
                    }
                });
                assertThat(requests).extracting(e -> e.getRuleId() + " " + e.getLeadId()).containsExactlyInAnyOrder(
                        "top-accounts " + leads.get(0),
                        "collateral-review " + leads.get(0),
                        "collateral-review " + leads.get(1),
                        "collateral-review-overdue " + leads.get(1));
            });
        }
        assertThat(requests).filteredOn(e -> e.getRuleId().equals("top-accounts")).singleElement()
                .satisfies(e -> assertThat(e.getContactName()).isEqualTo("Marketing key-account lead"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String board = get("/?organization=" + organization).body();
            assertThat(board).contains("<td>ACC-BIG</td>", "<td>$900,000</td>");
            assertThat(board).contains("<strong>flyer-1</strong>").doesNotContain("deck-1");
        });
    }

    private static void publish(RawProducer producer, FunnelEvent event) throws Exception {
        producer.send(Topics.FUNNEL_EVENTS.name(), event.getLeadId(),
                Topics.FUNNEL_EVENTS.valueSerde().serializer().serialize(Topics.FUNNEL_EVENTS.name(), event));
    }
}
