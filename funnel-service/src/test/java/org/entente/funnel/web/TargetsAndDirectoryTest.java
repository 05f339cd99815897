package org.entente.funnel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.entente.events.DirectoryContact;
import org.entente.events.EngagementRequested;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelStep;
import org.entente.events.RevenueTarget;
import org.entente.events.Team;
import org.entente.funnel.EmbeddedBrokerTest;
import org.entente.funnel.FunnelEvents;
import org.entente.schemas.Topic;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Revenue targets and the who-to-call directory through the admin API, against the real broker: what an admin sets
 * lands on its compacted topic (as Avro, under its key), a period's metrics are measured against its target, an
 * engagement request names the edited contact, removing brings back what was before, and bad input is refused as
 * problem+json naming the fields.
 */
class TargetsAndDirectoryTest extends EmbeddedBrokerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aPeriodsMetricsAreMeasuredAgainstTheTargetAnAdminSet() {
        awaitReady();
        FunnelEvents targetco = FunnelEvents.of("targetco");
        publishDirectly(targetco.entered("t-1", "T-1", FunnelStep.PURCHASE_INTENTION, FunnelEvents.T0));
        publishDirectly(targetco.won("t-2", "T-1", "ACC-T", 5_000_000, 2_000_000, FunnelEvents.hours(2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/funnel/metrics?organization=targetco").body()
                .contains("\"wonAmountCents\":5000000"));

        HttpResponse<String> set = put("/api/funnel/targets/targetco/2026-q4",
                "{\"targetCents\":20000000,\"salesExpenseCents\":1000000}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(JSON.readTree(set.body()).get("period").asString()).isEqualTo("2026-Q4");
        assertThat(JSON.readTree(set.body()).get("from").asString()).isEqualTo("2026-10-01T00:00:00Z");

        JsonNode q4 = JSON.readTree(get("/api/funnel/metrics?organization=targetco&period=2026-Q4").body());
        assertThat(q4.get("wonAmountCents").asLong()).isEqualTo(5_000_000);
        assertThat(q4.get("revenueTargetCents").asLong()).isEqualTo(20_000_000);
        assertThat(q4.get("targetAttainment").asDouble()).isEqualTo(0.25);
        assertThat(q4.get("salesExpenseCents").asLong()).isEqualTo(1_000_000);
        assertThat(q4.get("salesExpenseToSales").asDouble()).isEqualTo(0.2);
        assertThat(q4.get("previous").get("targetAttainment").isNull()).as("no target for Q3").isTrue();
        assertThat(q4.get("change").get("targetAttainment").isNull()).isTrue();
        assertThat(q4.get("change").get("wonAmountCents").asDouble()).isEqualTo(5_000_000);
        JsonNode allTime = JSON.readTree(get("/api/funnel/metrics?organization=targetco").body());
        assertThat(allTime.get("targetAttainment").isNull()).as("all time has no target").isTrue();

        List<ConsumerRecord<String, byte[]>> onTopic = readAll(Topics.FUNNEL_TARGETS, "targetco/2026-Q4");
        assertThat(onTopic).singleElement().satisfies(record -> {
            RevenueTarget target = Topics.FUNNEL_TARGETS.valueSerde().deserializer().deserialize(record.topic(),
                    record.value());
            assertThat(target.getOrganization()).isEqualTo("targetco");
            assertThat(target.getTargetCents()).isEqualTo(20_000_000L);
            assertThat(target.getSalesExpenseCents()).isEqualTo(1_000_000L);
        });

        assertThat(get("/api/funnel/targets?organization=targetco").body()).contains("\"period\":\"2026-Q4\"");
        assertThat(send(request("/api/funnel/targets/targetco/2026-Q4").DELETE().build()).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = get("/api/funnel/targets/targetco/2026-Q4");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(get("/api/funnel/metrics?organization=targetco&period=2026-Q4").body())
                .get("revenueTargetCents").isNull()).isTrue();
        assertThat(readAll(Topics.FUNNEL_TARGETS, "targetco/2026-Q4")).last()
                .satisfies(record -> assertThat(record.value()).as("a tombstone").isNull());
    }

    @Test
    void aBadTargetIsRefusedFieldByField() {
        awaitReady();
        HttpResponse<String> bad = put("/api/funnel/targets/targetco/2026-Q5", "{\"targetCents\":-5}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode fields = JSON.readTree(bad.body()).get("fields");
        assertThat(fields.get("period").asString()).contains("neither a quarter");
        assertThat(fields.get("targetCents").asString()).isEqualTo("a target must be more than 0 cents");

        JsonNode empty = JSON.readTree(put("/api/funnel/targets/targetco/2026-11", "{}").body()).get("fields");
        assertThat(empty.propertyNames()).containsExactlyInAnyOrder("targetCents", "salesExpenseCents");

        HttpResponse<String> unreadable = put("/api/funnel/targets/targetco/2026-11", "not json");
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unreadable.body()).get("detail").asString()).contains("not a readable request body");
        assertThat(get("/api/funnel/targets?organization=targetco").body()).doesNotContain("2026-11");
    }

    @Test
    void anEngagementRequestNamesTheContactAnAdminEditedUntilTheEditIsRemoved() {
        awaitReady();
        JsonNode before = JSON.readTree(get("/api/funnel/directory?organization=dirco").body());
        // application.yml configures three roles (brand-manager, key-account-marketing, collateral-reviewer)
        assertThat(before).filteredOn(entry -> entry.get("role").asString().equals("brand-manager"))
                .singleElement().satisfies(entry -> {
            assertThat(entry.get("role").asString()).isEqualTo("brand-manager");
            assertThat(entry.get("name").asString()).isEqualTo("Brand manager on duty");
            assertThat(entry.get("source").asString()).isEqualTo("CONFIGURED");
        });

        HttpResponse<String> set = put("/api/funnel/directory/dirco/brand-manager",
                "{\"name\":\"Dana Director\",\"address\":\"#dirco-brand\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(readAll(Topics.FUNNEL_DIRECTORY, "dirco/brand-manager")).singleElement().satisfies(record -> {
            DirectoryContact contact = Topics.FUNNEL_DIRECTORY.valueSerde().deserializer()
                    .deserialize(record.topic(), record.value());
            assertThat(contact.getName()).isEqualTo("Dana Director");
        });
        assertThat(JSON.readTree(get("/api/funnel/directory?organization=dirco").body()).get(0).get("source")
                .asString()).isEqualTo("EDITED");

        FunnelEvents dirco = FunnelEvents.of("dirco");
        publishDirectly(dirco.base("d-1", "D-1", FunnelEventType.STAGE_ENTERED, FunnelStep.PURCHASE_INTENTION,
                Team.SALES, FunnelEvents.T0).setAmountCents(250_000_000L).build());
        EngagementRequested request = awaitEngagement("D-1");
        assertThat(request.getContactName()).isEqualTo("Dana Director");
        assertThat(request.getContactAddress()).isEqualTo("#dirco-brand");

        assertThat(send(request("/api/funnel/directory/dirco/brand-manager").DELETE().build()).statusCode())
                .isEqualTo(204);
        assertThat(send(request("/api/funnel/directory/dirco/brand-manager").DELETE().build()).statusCode())
                .isEqualTo(404);
        publishDirectly(dirco.base("d-2", "D-2", FunnelEventType.STAGE_ENTERED, FunnelStep.PURCHASE_INTENTION,
                Team.SALES, FunnelEvents.T0).setAmountCents(250_000_000L).build());
        assertThat(awaitEngagement("D-2").getContactName()).as("the configured contact again")
                .isEqualTo("Brand manager on duty");
    }

    @Test
    void aBadDirectoryEntryIsRefusedFieldByField() {
        awaitReady();
        HttpResponse<String> bad = put("/api/funnel/directory/dirco/Brand%20Manager", "{\"address\":\"#x\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode fields = JSON.readTree(bad.body()).get("fields");
        assertThat(fields.propertyNames()).containsExactlyInAnyOrder("role", "name");
        assertThat(fields.get("name").asString()).isEqualTo("name is required");
    }

    private EngagementRequested awaitEngagement(String leadId) {
        List<EngagementRequested> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            found.clear();
            for (ConsumerRecord<String, byte[]> record : readAll(Topics.FUNNEL_ALERTS, leadId)) {
                SpecificRecord alert = Topics.FUNNEL_ALERTS.valueSerde().deserializer().deserialize(record.topic(),
                        record.value());
                if (alert instanceof EngagementRequested e && e.getOrganization().equals("dirco")) {
                    found.add(e);
                }
            }
            assertThat(found).hasSize(1);
        });
        return found.get(0);
    }

    /** Every committed record with this key on the topic, from the beginning. */
    private List<ConsumerRecord<String, byte[]>> readAll(Topic<?> topic, String key) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        records.add(r);
                    }
                });
            }
        }
        return records;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", ADMIN);
    }

    private HttpResponse<String> put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
