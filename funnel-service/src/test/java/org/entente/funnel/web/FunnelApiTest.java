package org.entente.funnel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.entente.funnel.FunnelEvents.hours;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.entente.events.FunnelStep;
import org.entente.funnel.EmbeddedBrokerTest;
import org.entente.funnel.FunnelEvents;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP API and the topic intake against the embedded broker. */
class FunnelApiTest extends EmbeddedBrokerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonNode metrics(String organization) {
        var response = get("/api/funnel/metrics?organization=" + organization);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void eventsPostedOverHttpShowUpInTheLeadsAtEachStep() {
        var response = postJson("/api/funnel/events", """
                {"organization":"initech","leadId":"L1","type":"STAGE_ENTERED","step":"BRAND_AWARENESS",
                 "team":"MARKETING","actor":"maria"}""");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(response.body()).get("eventId").asString()).isNotBlank();
        assertThat(postJson("/api/funnel/events", """
                {"eventId":"i-2","organization":"initech","leadId":"L2","type":"STAGE_ENTERED",
                 "step":"brand_consideration","team":"MARKETING","actor":"maria"}""").body())
                .isEqualTo("{\"eventId\":\"i-2\"}");

        // The same eventId again: accepted, and counted once.
        assertThat(postJson("/api/funnel/events", """
                {"eventId":"i-2","organization":"initech","leadId":"L2","type":"STAGE_ENTERED",
                 "step":"BRAND_CONSIDERATION","team":"MARKETING","actor":"maria"}""").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode m = metrics("initech");
            assertThat(m.get("organization").asString()).isEqualTo("initech");
            assertThat(m.get("leadsAtStep").get("BRAND_AWARENESS").asLong()).isEqualTo(1);
            assertThat(m.get("leadsAtStep").get("BRAND_CONSIDERATION").asLong()).isEqualTo(1);
        });
    }

    @Test
    void eventsOtherApplicationsPublishOnTheTopicCountToo() {
        FunnelEvents hooli = FunnelEvents.of("hooli");
        publishDirectly(hooli.entered("h1", "L1", FunnelStep.PURCHASE_INTENTION, hours(0)));
        publishDirectly(hooli.won("h2", "L1", "ACC-1", 10_000_00, 4_000_00, hours(2)));
        publishDirectly(hooli.won("h2", "L1", "ACC-1", 10_000_00, 4_000_00, hours(2)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode m = metrics("hooli");
            assertThat(m.get("leadsAtStep").get("PURCHASE").asLong()).isEqualTo(1);
            assertThat(m.get("wins").asLong()).isEqualTo(1);
            assertThat(m.get("averageGrossProfitPerCustomerCents").asLong()).isEqualTo(4_000_00);
        });
    }

    @Test
    void metricsByPeriodCountWhatHappenedInItAgainstThePeriodBefore() {
        FunnelEvents periodco = FunnelEvents.of("periodco");
        Instant october = Instant.parse("2026-10-15T10:00:00Z");
        publishDirectly(periodco.won("p1", "P1", "ACC-1", 10_000_00, 1_000_00, october));
        publishDirectly(periodco.won("p2", "P2", "ACC-1", 20_000_00, 3_000_00, hours(0)));
        publishDirectly(periodco.won("p3", "P3", "ACC-2", 30_000_00, 5_000_00, hours(1)));
        publishDirectly(periodco.lost("p4", "P4", hours(2)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode m = metrics("periodco&period=2026-11");
            assertThat(m.get("period").get("label").asString()).isEqualTo("2026-11");
            assertThat(m.get("closings").asLong()).isEqualTo(2);
            assertThat(m.get("losses").asLong()).isEqualTo(1);
            assertThat(m.get("newCustomers").asLong()).as("ACC-1 was already won in October").isEqualTo(1);
            assertThat(m.get("averageGrossProfitPerCustomerCents").asLong()).isEqualTo(4_000_00);
            assertThat(m.get("previous").get("period").get("label").asString()).isEqualTo("2026-10");
            assertThat(m.get("previous").get("closings").asLong()).isEqualTo(1);
            assertThat(m.get("change").get("closings").asDouble()).isEqualTo(1.0);
            assertThat(m.get("change").get("newCustomers").asDouble()).isEqualTo(0.0);
        });
        JsonNode days = metrics("periodco&from=2026-11-01&to=2026-11-30");
        assertThat(days.get("closings").asLong()).isEqualTo(2);
        assertThat(days.get("previous").get("period").get("from").asString()).isEqualTo("2026-10-02T00:00:00Z");
        JsonNode quarter = metrics("periodco&period=2026-Q4");
        assertThat(quarter.get("closings").asLong()).isEqualTo(3);
        assertThat(quarter.get("newCustomers").asLong()).isEqualTo(2);
        assertThat(quarter.get("previous").get("closings").asLong()).isZero();
        assertThat(metrics("periodco").get("period").isNull()).as("all time without a period").isTrue();
    }

    @Test
    void aMalformedPeriodIsRefusedNamingTheField() {
        var quarter = get("/api/funnel/metrics?organization=periodco&period=2026-Q5");
        assertThat(quarter.statusCode()).isEqualTo(400);
        assertThat(quarter.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(quarter.body()).get("fields").get("period").asString()).contains("2026-Q5");

        var from = JSON.readTree(get("/api/funnel/metrics?organization=periodco&from=soon&to=2026-11-30").body());
        assertThat(from.get("fields").get("from").asString()).contains("not an ISO date");
        var to = JSON.readTree(get("/api/funnel/metrics?organization=periodco&from=2026-11-01").body());
        assertThat(to.get("fields").get("to").asString()).isEqualTo("to is required with from");
        var backwards = get("/api/funnel/metrics?organization=periodco&from=2026-11-30&to=2026-11-01");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(backwards.body()).get("fields").has("to")).isTrue();
    }

    @Test
    void marketingsContributionPostedOverHttpCountsInTheWonDealsItHelpedWin() {
        assertThat(postJson("/api/funnel/events", """
                {"organization":"cyberdyne","leadId":"L1","type":"STAGE_ENTERED","step":"PURCHASE_INTENTION",
                 "team":"SALES","actor":"sam"}""").statusCode()).isEqualTo(202);
        assertThat(postJson("/api/funnel/events", """
                {"organization":"cyberdyne","leadId":"L1","type":"STAGE_ENTERED","step":"PURCHASE",
                 "team":"MARKETING","actor":"maria"}""").statusCode())
                .as("Marketing on a Sales step without a contribution").isEqualTo(400);
        assertThat(postJson("/api/funnel/events", """
                {"organization":"cyberdyne","leadId":"L1","type":"STAGE_ENTERED","step":"PURCHASE_INTENTION",
                 "team":"MARKETING","actor":"maria","contribution":"site_visit"}""").statusCode()).isEqualTo(202);
        assertThat(postJson("/api/funnel/events", """
                {"organization":"cyberdyne","leadId":"L1","type":"WON","team":"SALES","actor":"sam",
                 "amountCents":500000}""").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode m = metrics("cyberdyne");
            assertThat(m.get("closings").asLong()).isEqualTo(1);
            assertThat(m.get("marketingContributedWins").asLong()).isEqualTo(1);
            assertThat(m.get("marketingContributionShare").asDouble()).isEqualTo(1.0);
            assertThat(m.get("marketingContributedWinsByKind").get("SITE_VISIT").asLong()).isEqualTo(1);
        });
        JsonNode refused = JSON.readTree(postJson("/api/funnel/events", """
                {"organization":"cyberdyne","leadId":"L1","type":"STAGE_ENTERED","step":"PURCHASE",
                 "team":"MARKETING","actor":"maria","contribution":"BROCHURE"}""").body());
        assertThat(refused.get("fields").get("contribution").asString()).startsWith("unknown contribution 'BROCHURE'");
    }

    @Test
    void aMalformedEventIsRefusedWithTheFieldsAtFault() {
        var response = postJson("/api/funnel/events", """
                {"organization":"initech","leadId":"L9","type":"REJECTED","team":"SALES","actor":"sam",
                 "step":"NOWHERE"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("title").asString()).isEqualTo("Bad Request");
        assertThat(body.get("instance").asString()).isEqualTo("/api/funnel/events");
        assertThat(body.get("detail").asString()).startsWith("invalid funnel event:");
        assertThat(body.get("fields").get("step").asString()).startsWith("unknown step 'NOWHERE'");
        assertThat(body.get("fields").get("reason").asString()).contains("a rejection needs a reason");
    }

    @Test
    void anEventThatNamesAPersonByEmailAddressIsRefused() {
        var response = postJson("/api/funnel/events", """
                {"eventId":"pii-1","organization":"initech","leadId":"jane.doe@example.com","type":"STAGE_ENTERED",
                 "step":"BRAND_AWARENESS","team":"MARKETING","actor":"maria@initech.example","accountId":"ACC-9"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("detail").asString()).contains("must not contain an email address");
        assertThat(body.get("fields").get("leadId").asString()).startsWith("leadId must not contain an email address");
        assertThat(body.get("fields").get("actor").asString()).startsWith("actor must not contain an email address");
        assertThat(body.get("fields").has("accountId")).isFalse();
        assertThat(response.body()).doesNotContain("jane.doe@example.com");

        assertThat(refusal("reason", """
                {"organization":"initech","leadId":"L-pii","type":"REJECTED","team":"SALES","actor":"sam",
                 "reason":"write to the buyer at buyer@example.org instead"}"""))
                .contains("must not contain an email address");
    }

    @Test
    void anEventFromTheFutureOrBefore1970IsRefused() {
        assertThat(refusal("occurredAt", """
                {"organization":"initech","leadId":"L9","type":"LOST","team":"SALES","actor":"sam",
                 "occurredAt":"2999-01-01T00:00:00Z"}""")).isEqualTo("must not be in the future");
        assertThat(refusal("occurredAt", """
                {"organization":"initech","leadId":"L9","type":"LOST","team":"SALES","actor":"sam",
                 "occurredAt":"1969-12-31T23:59:59Z"}"""))
                .isEqualTo("occurredAt must not be before 1970-01-01T00:00:00Z");
    }

    /** Posts {@code json} as an event, which must be refused with 400: what the problem says of {@code field}. */
    private String refusal(String field, String json) {
        var response = postJson("/api/funnel/events", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode fault = JSON.readTree(response.body()).get("fields").get(field);
        assertThat(fault).as("the problem names " + field + ": " + response.body()).isNotNull();
        return fault.asString();
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        var response = postJson("/api/funnel/events", "not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("not a readable funnel event");
    }

    @Test
    void aMissingParameterNamesTheFieldInProblemJson() {
        var response = get("/api/funnel/metrics");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("detail").asString()).isEqualTo("organization is required");
        assertThat(body.get("fields").get("organization").asString()).isEqualTo("is required");
    }

    @Test
    void metricsNeedAnOrganization() {
        var response = get("/api/funnel/metrics");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("organization is required");
    }

    @Test
    void bytesOnTheTopicThatAreNotAnEventGoToTheDeadLetterTopic() {
        publishBytes("dlq-lead", new byte[] {(byte) 0xC3, 0x01, 1, 2, 3});

        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "funnel-dlq-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.FUNNEL_EVENTS.dlq()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var dead = new java.util.ArrayList<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>>();
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                assertThat(dead).anySatisfy(record -> {
                    assertThat(record.key()).isEqualTo("dlq-lead");
                    assertThat(DeadLetters.read(record.headers(), DeadLetters.REASON_CODE))
                            .isEqualTo("TRUNCATED");
                });
            });
        }
    }

    @Test
    void theBoardShowsTheOrganizationsOwnHandoffSla() {
        awaitReady();
        var page = get("/?organization=quick");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<strong id=\"sla\">1h</strong>")
                .contains("<span class=\"label\">Brand awareness</span>");
        assertThat(get("/").body()).contains("<strong id=\"sla\">24h</strong>");
    }

    @Test
    void healthIsUpOnceTheTopologyRuns() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var response = get("/actuator/health");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode components = JSON.readTree(response.body()).get("components");
            assertThat(components.get("kafkaStreams").get("details").get("state").asString()).isEqualTo("RUNNING");
            assertThat(components.get("liveFeed").get("details").get("state").asString()).isEqualTo("LIVE");
        });
    }
}
