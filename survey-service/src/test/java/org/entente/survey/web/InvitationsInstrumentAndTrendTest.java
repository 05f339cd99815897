package org.entente.survey.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.events.BusinessFunction;
import org.entente.events.StageClassified;
import org.entente.schemas.SampleEvents;
import org.entente.schemas.Topic;
import org.entente.schemas.Topics;
import org.entente.survey.SurveyServiceTest;
import org.entente.survey.domain.Tokens;
import org.entente.survey.stream.InvitationLog;
import org.entente.testing.OpenApiDocuments;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The instrument, invitations and the reminder list, responses from other applications, trend and OpenAPI. */
class InvitationsInstrumentAndTrendTest extends SurveyServiceTest {

    @Test
    void the_instrument_has_twenty_numbered_statements_and_a_version() throws Exception {
        Reply instrument = get("/api/instrument");

        assertThat(instrument.status()).isEqualTo(200);
        assertThat(instrument.body().path("instrumentVersion").asString()).isEqualTo("1");
        JsonNode statements = instrument.body().path("statements");
        assertThat(statements.size()).isEqualTo(20);
        for (int i = 0; i < 20; i++) {
            assertThat(statements.path(i).path("number").asInt()).isEqualTo(i + 1);
            assertThat(statements.path(i).path("text").asString()).isNotBlank();
        }
        assertThat(instrument.body().path("scale").path("1").asString()).isEqualTo("Strongly disagree");
        assertThat(get("/api/instrument/1").status()).isEqualTo(200);
        assertThat(get("/api/instrument/99").status()).isEqualTo(404);
    }

    @Test
    void personal_links_are_listed_until_answered_and_only_their_hashes_are_stored() throws Exception {
        String assessmentId = openAssessment("soylent", Map.of());
        Reply invited = post("/api/assessments/" + assessmentId + "/invitations",
                Map.of("function", "SALES", "role", "STAFF", "labels", List.of("north desk", "south desk")));
        assertThat(invited.status()).isEqualTo(201);
        List<String> tokens = new ArrayList<>();
        invited.body().path("links").forEach(link -> {
            String url = link.path("url").asString();
            assertThat(url).startsWith(baseUrl() + "/r/");
            tokens.add(url.substring(url.lastIndexOf('/') + 1));
        });
        assertThat(tokens).hasSize(2);

        Reply reminders = get("/api/assessments/" + assessmentId + "/invitations");
        assertThat(reminders.body().path("invited").asInt()).isEqualTo(2);
        assertThat(reminders.body().path("notYetAnswered").size()).isEqualTo(2);
        assertThat(reminders.body().path("notYetAnswered").path(0).path("label").asString()).isEqualTo("north desk");
        assertThat(reminders.text()).doesNotContain(tokens.get(0)).doesNotContain(tokens.get(1));

        List<String> stored = readInvitationsTopic(Tokens.hash(tokens.get(1)));
        assertThat(String.join("\n", stored)).contains(Tokens.hash(tokens.get(0)))
                .doesNotContain(tokens.get(0)).doesNotContain(tokens.get(1))
                // Labels are sealed at rest: the organizer's notes are not on the topic in clear.
                .doesNotContain("north desk").doesNotContain("south desk").contains("\"sealedLabel\":\"v1.");
    }

    @Test
    void links_labelled_before_labels_were_sealed_still_load_with_their_labels() throws Exception {
        String assessmentId = openAssessment("soylent", Map.of());
        String tokenHash = Tokens.hash("a-link-from-before-sealing-" + assessmentId);
        // A record of format 1, as the service wrote it before labels were sealed.
        String old = """
                {"format":1,"tokenHash":"%s","invitationId":"0ld1nv1te","assessmentId":"%s","kind":"PERSONAL",
                 "function":"MARKETING","role":"HEAD","respondentId":"r-old","label":"written in clear",
                 "createdAt":"2026-01-01T00:00:00Z","usedAt":null}""".formatted(tokenHash, assessmentId);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(InvitationLog.TOPIC, tokenHash,
                    old.getBytes(StandardCharsets.UTF_8))).get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/assessments/" + assessmentId + "/invitations")
                .body().path("invited").asInt() == 1);
        JsonNode pending = get("/api/assessments/" + assessmentId + "/invitations").body().path("notYetAnswered");
        assertThat(pending.path(0).path("invitationId").asString()).isEqualTo("0ld1nv1te");
        assertThat(pending.path(0).path("label").asString()).isEqualTo("written in clear");
    }

    @Test
    void links_need_a_known_function_and_role_and_an_open_assessment() throws Exception {
        String assessmentId = openAssessment("soylent", Map.of());

        Reply bad = post("/api/assessments/" + assessmentId + "/invitations", Map.of("function", "HR", "role", "X"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("fields").propertyNames()).contains("function", "role");
        Reply tooMany = post("/api/assessments/" + assessmentId + "/invitations",
                Map.of("function", "SALES", "role", "STAFF", "count", 100000));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().path("fields").path("count").asString()).isNotBlank();

        post("/api/assessments/" + assessmentId + "/close", "");
        Reply closed = post("/api/assessments/" + assessmentId + "/shared-links",
                Map.of("function", "SALES", "role", "STAFF"));
        assertThat(closed.status()).isEqualTo(400);
        assertThat(post("/api/assessments/nope/shared-links", Map.of("function", "SALES", "role", "STAFF"))
                .status()).isEqualTo(404);
    }

    @Test
    void responses_published_by_other_applications_count_and_stages_make_a_trend() throws Exception {
        String first = openAssessment("tyrell", Map.of("title", "Round one"));
        String second = openAssessment("tyrell", Map.of("title", "Round two"));
        StageClassified scored = SampleEvents.classified(first);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer())) {
            send(producer, Topics.RESPONSES, second, SampleEvents.response(second, "crm-7", BusinessFunction.SALES, 4));
            var incomplete = SampleEvents.response(second, "crm-8", BusinessFunction.SALES, 4);
            incomplete.setAnswers(List.of(4, 4));
            send(producer, Topics.RESPONSES, second, incomplete);
            send(producer, Topics.STAGES, first, scored);
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/assessments/" + first).body()
                .path("stage").path("stage").asString("").equals("DEFINED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/assessments/" + second).body()
                .path("responses").path("sales").path("staff").asInt() == 1);

        Reply trend = get("/api/organizations/tyrell/trend");
        assertThat(trend.status()).isEqualTo(200);
        JsonNode rounds = trend.body().path("rounds");
        assertThat(rounds.size()).isEqualTo(2);
        assertThat(rounds.path(0).path("title").asString()).isEqualTo("Round one");
        assertThat(rounds.path(0).path("stage").asString()).isEqualTo("DEFINED");
        assertThat(rounds.path(0).path("score").asDouble()).isEqualTo(59.5);
        assertThat(rounds.path(1).path("stage").isNull()).isTrue();
        assertThat(rounds.path(1).path("respondents").asInt()).isEqualTo(1);
        assertThat(get("/api/organizations/nobody/trend").status()).isEqualTo(404);
        assertThat(get("/api/assessments?organization=tyrell").body().size()).isEqualTo(2);
    }

    @Test
    void the_http_api_is_described_by_an_openapi_document() throws Exception {
        Reply docs = get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(OpenApiDocuments.operationIds(docs.body())).isEqualTo(Map.ofEntries(
                Map.entry("POST /api/assessments", "openAssessment"),
                Map.entry("GET /api/assessments", "listAssessments"),
                Map.entry("GET /api/assessments/{assessmentId}", "getAssessment"),
                Map.entry("POST /api/assessments/{assessmentId}/close", "closeAssessment"),
                Map.entry("POST /api/responses", "submitResponse"),
                Map.entry("GET /api/instrument", "getInstrument"),
                Map.entry("GET /api/instrument/{version}", "getInstrumentVersion"),
                Map.entry("POST /api/assessments/{assessmentId}/invitations", "createInvitations"),
                Map.entry("GET /api/assessments/{assessmentId}/invitations", "listUnansweredInvitations"),
                Map.entry("POST /api/assessments/{assessmentId}/shared-links", "createSharedLink"),
                Map.entry("GET /api/organizations/{organization}/trend", "getTrend")));
        assertThat(OpenApiDocuments.tags(docs.body())).containsEntry("POST /api/responses", List.of("responses"))
                .containsEntry("GET /api/assessments", List.of("assessments"))
                .allSatisfy((operation, tags) -> assertThat(tags).as(operation).hasSize(1));
        String intake = "POST /api/responses";
        assertThat(OpenApiDocuments.errorResponses(docs.body()))
                .containsKeys(intake + " 400", intake + " 401", intake + " 403", intake + " 500", intake + " 503")
                .allSatisfy((error, fault) -> assertThat(fault).as(error).isEmpty());
        assertThat(docs.body().at("/components/schemas/Problem/properties/fields/additionalProperties/type")
                .asString()).isEqualTo("string");
    }

    @Test
    void the_organizer_pages_show_assessments_and_refuse_unknown_ones_plainly() throws Exception {
        String assessmentId = openAssessment("vandelay", Map.of("title", "Import-export check",
                "closesAt", "2099-01-01T00:00:00Z"));

        Reply home = get("/");
        Reply page = get("/assessments/" + assessmentId);
        Reply unknown = get("/assessments/no-such-one");

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.text()).contains("Import-export check");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("Import-export check").contains("2099-01-01 00:00 UTC");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("No such assessment").doesNotContain("Exception");
    }

    @Test
    void health_reports_up_once_the_state_is_read() throws Exception {
        Reply health = get("/actuator/health");

        assertThat(health.body().path("status").asString()).isEqualTo("UP");
        assertThat(health.body().path("components").path("surveyState").path("status").asString()).isEqualTo("UP");
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, Topic<V> topic, String key, V value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key,
                topic.valueSerde().serializer().serialize(topic.name(), value))).get();
    }

    /** The raw values on the invitations topic, read until the one keyed {@code untilKey} is there. */
    private List<String> readInvitationsTopic(String untilKey) {
        List<String> values = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(InvitationLog.TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                    values.add(record.key() + " " + new String(record.value(), StandardCharsets.UTF_8));
                }
                return keys.contains(untilKey);
            });
        }
        return values;
    }
}
