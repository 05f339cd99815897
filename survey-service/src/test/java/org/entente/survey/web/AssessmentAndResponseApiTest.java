package org.entente.survey.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.entente.events.AssessmentClosed;
import org.entente.events.AssessmentOpened;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.schemas.Topics;
import org.entente.survey.SurveyServiceTest;
import org.entente.survey.domain.Assessment;
import org.entente.survey.domain.Invitation;
import org.entente.survey.domain.LabelSeal;
import org.entente.survey.domain.Tokens;
import org.entente.survey.domain.ResponseCounts;
import org.entente.survey.stream.StateReader;
import org.entente.survey.stream.SurveyState;
import org.junit.jupiter.api.Test;

/** The first real path: opening, showing and closing an assessment, and responses through the intake API. */
class AssessmentAndResponseApiTest extends SurveyServiceTest {

    @Test
    void opening_an_assessment_publishes_it_and_answers_with_the_contract() throws Exception {
        Reply reply = post("/api/assessments", Map.of("organization", "acme", "title", "Q1 check",
                "anonymityThreshold", 3, "closesAt", "2099-12-01T00:00:00Z",
                "context", Map.of("smallBusiness", true, "fastChangingMarket", true)));

        assertThat(reply.status()).isEqualTo(201);
        String id = reply.body().path("assessmentId").asString();
        assertThat(id).isNotBlank();
        assertThat(reply.body().path("organization").asString()).isEqualTo("acme");
        assertThat(reply.body().path("title").asString()).isEqualTo("Q1 check");
        assertThat(reply.body().path("instrumentVersion").asString()).isEqualTo("1");
        assertThat(reply.body().path("statementCount").asInt()).isEqualTo(20);
        assertThat(reply.body().path("anonymityThreshold").asInt()).isEqualTo(3);
        assertThat(reply.body().path("closesAt").asString()).isEqualTo("2099-12-01T00:00:00Z");
        assertThat(reply.body().path("status").asString()).isEqualTo("OPEN");
        assertThat(reply.body().path("context").path("smallBusiness").asBoolean()).isTrue();
        assertThat(reply.body().path("context").path("conflictsRecurring").asBoolean()).isFalse();
        assertThat(reply.body().path("context").size()).isEqualTo(10);

        List<SpecificRecord> events = readUntil(Topics.ASSESSMENTS, seen -> seen.stream()
                .anyMatch(e -> e instanceof AssessmentOpened o && o.getAssessmentId().equals(id)));
        AssessmentOpened opened = events.stream().filter(e -> e instanceof AssessmentOpened o
                && o.getAssessmentId().equals(id)).map(AssessmentOpened.class::cast).findFirst().orElseThrow();
        assertThat(opened.getOrganization()).isEqualTo("acme");
        assertThat(opened.getStatementCount()).isEqualTo(20);
        assertThat(opened.getAnonymityThreshold()).isEqualTo(3);
        assertThat(opened.getClosesAt()).isEqualTo(Instant.parse("2099-12-01T00:00:00Z"));
        assertThat(opened.getContext().getSmallBusiness()).isTrue();
        assertThat(opened.getContext().getFastChangingMarket()).isTrue();
        assertThat(opened.getContext().getInformalRelationsGood()).isFalse();
    }

    @Test
    void an_assessment_id_can_be_chosen_but_not_taken_twice() throws Exception {
        Reply first = post("/api/assessments", Map.of("assessmentId", "acme-2026-q1", "organization", "acme",
                "title", "Chosen id"));
        Reply second = post("/api/assessments", Map.of("assessmentId", "acme-2026-q1", "organization", "acme",
                "title", "Same id again"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().path("assessmentId").asString()).isEqualTo("acme-2026-q1");
        assertThat(first.body().path("anonymityThreshold").asInt()).isEqualTo(3);
        assertThat(second.status()).isEqualTo(409);
    }

    @Test
    void a_bad_opening_gets_field_messages() throws Exception {
        Reply reply = post("/api/assessments", Map.of("title", " ", "anonymityThreshold", 0,
                "closesAt", "2001-01-01T00:00:00Z", "context", Map.of("bigBusiness", true)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().path("title").asString()).isEqualTo("Bad Request");
        assertThat(reply.body().path("status").asInt()).isEqualTo(400);
        assertThat(reply.body().path("instance").asString()).isEqualTo("/api/assessments");
        assertThat(reply.body().path("detail").asString()).contains("title");
        assertThat(reply.body().path("fields").propertyNames())
                .contains("organization", "title", "anonymityThreshold", "closesAt", "context.bigBusiness");
    }

    @Test
    void a_threshold_below_three_is_refused_unless_the_assessment_is_named() throws Exception {
        Reply refused = post("/api/assessments", Map.of("organization", "acme", "title", "Two",
                "anonymityThreshold", 2));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("fields").propertyNames()).containsExactly("anonymityThreshold");
        assertThat(refused.body().path("fields").path("anonymityThreshold").asString()).contains("named");

        Reply named = post("/api/assessments", Map.of("organization", "acme", "title", "Named",
                "anonymityThreshold", 2, "named", true));
        assertThat(named.status()).isEqualTo(201);
        assertThat(named.body().path("named").asBoolean()).isTrue();
        assertThat(named.body().path("anonymityThreshold").asInt()).isEqualTo(2);
        String id = named.body().path("assessmentId").asString();
        List<SpecificRecord> events = readUntil(Topics.ASSESSMENTS, seen -> seen.stream()
                .anyMatch(e -> e instanceof AssessmentOpened o && o.getAssessmentId().equals(id)));
        assertThat(events).filteredOn(e -> e instanceof AssessmentOpened o && o.getAssessmentId().equals(id))
                .singleElement().satisfies(e -> assertThat(((AssessmentOpened) e).getNamed()).isTrue());
        Reply shown = get("/api/assessments/" + id);
        assertThat(shown.body().path("named").asBoolean()).isTrue();
    }

    @Test
    void spring_mvc_refusals_answer_problem_json_too() throws Exception {
        Reply unreadable = post("/api/assessments", "{\"organization\": ");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.contentType()).startsWith("application/problem+json");
        assertThat(unreadable.body().path("detail").asString())
                .startsWith("the request body is not the JSON this endpoint expects");

        Reply unknown = get("/api/no-such-thing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().path("instance").asString()).isEqualTo("/api/no-such-thing");

        Reply notAllowed = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/instrument"))
                .header("Authorization", ADMIN).DELETE().build());
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.contentType()).startsWith("application/problem+json");
        assertThat(notAllowed.body().path("title").asString()).isEqualTo("Method Not Allowed");

        Reply unknownAssessment = get("/api/assessments/never-opened");
        assertThat(unknownAssessment.status()).isEqualTo(404);
        assertThat(unknownAssessment.contentType()).startsWith("application/problem+json");
        assertThat(unknownAssessment.body().path("detail").asString()).contains("never-opened");

        // A person's browser still gets a page.
        Reply page = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/no-such-page"))
                .header("Authorization", ADMIN).header("Accept", "text/html").GET().build());
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
    }

    @Test
    void a_valid_response_is_on_the_topic_when_it_is_accepted() throws Exception {
        String id = openAssessment("globex", Map.of());
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(i % 5 + 1);
        }

        Reply reply = submit(Map.of("assessmentId", id, "respondentId", "p-1",
                "function", "MARKETING", "role", "STAFF", "answers", answers));

        assertThat(reply.status()).isEqualTo(202);
        String responseId = reply.body().path("responseId").asString();
        assertThat(reply.body().path("assessmentId").asString()).isEqualTo(id);
        SurveyResponseSubmitted event = readUntil(Topics.RESPONSES, seen -> seen.stream()
                .anyMatch(r -> r.getResponseId().equals(responseId))).stream()
                .filter(r -> r.getResponseId().equals(responseId)).findFirst().orElseThrow();
        assertThat(event.getAssessmentId()).isEqualTo(id);
        assertThat(event.getRespondentId()).isEqualTo("p-1");
        assertThat(event.getFunction()).isEqualTo(BusinessFunction.MARKETING);
        assertThat(event.getRole()).isEqualTo(Role.STAFF);
        assertThat(event.getAnswers()).isEqualTo(answers);
        assertThat(event.getSource()).isEqualTo("api");
        assertThat(event.getInstrumentVersion()).isEqualTo("1");
    }

    @Test
    void each_bad_response_gets_a_field_message_and_publishes_nothing() throws Exception {
        String id = openAssessment("initech", Map.of());
        String closed = openAssessment("initech", Map.of());
        assertThat(post("/api/assessments/" + closed + "/close", "").status()).isEqualTo(200);
        Map<String, Object> good = Map.of("assessmentId", id, "respondentId", "bad", "function", "SALES",
                "role", "STAFF", "answers", answers(3));

        Map<String, Map<String, Object>> cases = Map.of(
                "answers", with(good, "answers", answers(3).subList(0, 19)),
                "answers[4]", with(good, "answers", replace(answers(3), 4, 6)),
                "answers[7]", with(good, "answers", replaceAny(answers(3), 7, 2.5)),
                "function", with(good, "function", "FINANCE"),
                "role", with(good, "role", "INTERN"),
                "respondentId", with(good, "respondentId", ""));
        for (var bad : cases.entrySet()) {
            Reply reply = submit(bad.getValue());
            assertThat(reply.status()).as(bad.getKey()).isEqualTo(400);
            assertThat(reply.body().path("fields").path(bad.getKey()).asString()).as(bad.getKey()).isNotBlank();
        }
        // Respondent ids are pseudonyms: one that looks like an email address is refused, not published.
        Reply email = submit(with(good, "respondentId", "jane.doe@example.com"));
        assertThat(email.status()).isEqualTo(400);
        assertThat(email.body().path("fields").path("respondentId").asString()).contains("email address");
        Reply unknown = submit(with(good, "assessmentId", "no-such-assessment"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("fields").path("assessmentId").asString()).contains("no assessment");
        Reply late = submit(with(good, "assessmentId", closed));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.body().path("fields").path("assessmentId").asString()).contains("closed");
        Reply notJson = submit("{\"assessmentId\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().path("detail").asString()).isNotBlank();

        // A good response after the bad ones: once it is on the topic, anything published before it would be too.
        Reply marker = submit(with(good, "respondentId", "marker"));
        assertThat(marker.status()).isEqualTo(202);
        List<SurveyResponseSubmitted> onTopic = readUntil(Topics.RESPONSES, seen -> seen.stream()
                .anyMatch(r -> r.getRespondentId().equals("marker") && r.getAssessmentId().equals(id)));
        assertThat(onTopic).noneMatch(r -> r.getRespondentId().equals("bad"));
        assertThat(onTopic).noneMatch(r -> r.getRespondentId().contains("@"));
        assertThat(onTopic).noneMatch(r -> r.getAssessmentId().equals(closed));
    }

    @Test
    void a_repeated_response_id_is_published_once() throws Exception {
        String id = openAssessment("hooli", Map.of());
        Map<String, Object> response = Map.of("responseId", "resp-hooli-1", "assessmentId", id,
                "respondentId", "p-9", "function", "SALES", "role", "HEAD", "answers", answers(4));

        assertThat(submit(response).status()).isEqualTo(202);
        Reply again = submit(response);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().path("responseId").asString()).isEqualTo("resp-hooli-1");
        submit(with(with(response, "responseId", "resp-hooli-2"), "respondentId", "p-10"));

        List<SurveyResponseSubmitted> onTopic = readUntil(Topics.RESPONSES, seen -> seen.stream()
                .anyMatch(r -> r.getResponseId().equals("resp-hooli-2")));
        assertThat(onTopic).filteredOn(r -> r.getResponseId().equals("resp-hooli-1")).hasSize(1);
    }

    @Test
    void showing_an_assessment_counts_respondents_by_function_and_role_but_never_shows_answers() throws Exception {
        String id = openAssessment("umbrella", Map.of());
        submit(Map.of("assessmentId", id, "respondentId", "s-head", "function", "SALES",
                "role", "HEAD", "answers", answers(2)));
        submit(Map.of("assessmentId", id, "respondentId", "m-1", "function", "MARKETING",
                "role", "STAFF", "answers", answers(4)));
        submit(Map.of("assessmentId", id, "respondentId", "m-2", "function", "MARKETING",
                "role", "STAFF", "answers", answers(5)));
        // m-1 changes their mind: still one respondent.
        submit(Map.of("assessmentId", id, "respondentId", "m-1", "function", "MARKETING",
                "role", "STAFF", "answers", answers(3)));

        Reply shown = get("/api/assessments/" + id);

        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body().path("responses").path("total").asInt()).isEqualTo(3);
        assertThat(shown.body().path("responses").path("sales").path("heads").asInt()).isEqualTo(1);
        assertThat(shown.body().path("responses").path("sales").path("staff").asInt()).isEqualTo(0);
        assertThat(shown.body().path("responses").path("marketing").path("staff").asInt()).isEqualTo(2);
        assertThat(shown.text()).doesNotContain("answers").doesNotContain("m-1");
        assertThat(get("/api/assessments/nope").status()).isEqualTo(404);
    }

    @Test
    void closing_publishes_the_closing_and_ends_intake() throws Exception {
        String id = openAssessment("stark", Map.of());

        Reply closed = post("/api/assessments/" + id + "/close", "");

        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body().path("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.body().path("closedAt").asString()).isNotBlank();
        readUntil(Topics.ASSESSMENTS, seen -> seen.stream()
                .anyMatch(e -> e instanceof AssessmentClosed c && c.getAssessmentId().equals(id)));
        assertThat(get("/api/assessments/" + id).body().path("status").asString()).isEqualTo("CLOSED");
        assertThat(post("/api/assessments/unknown-one/close", "").status()).isEqualTo(404);
    }

    @Test
    void an_assessment_closes_by_itself_at_its_closing_time() throws Exception {
        String closesAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS).toString();
        String id = openAssessment("wayne", Map.of("closesAt", closesAt));

        readUntil(Topics.ASSESSMENTS, seen -> seen.stream()
                .anyMatch(e -> e instanceof AssessmentClosed c && c.getAssessmentId().equals(id)));
        assertThat(get("/api/assessments/" + id).body().path("closedAt").asString()).isEqualTo(closesAt);
    }

    @Test
    void a_restarted_service_rebuilds_assessments_and_counts_from_kafka() throws Exception {
        String open = openAssessment("cyberdyne", Map.of());
        String closed = openAssessment("cyberdyne", Map.of());
        submit(Map.of("assessmentId", open, "respondentId", "c-1", "function", "SALES",
                "role", "STAFF", "answers", answers(3)));
        post("/api/assessments/" + closed + "/close", "");
        String link = post("/api/assessments/" + open + "/invitations", Map.of("function", "MARKETING",
                "role", "HEAD", "labels", List.of("cmo"))).body().path("links").path(0).path("url").asString();
        String tokenHash = Tokens.hash(link.substring(link.lastIndexOf('/') + 1));

        SurveyState rebuilt = new SurveyState(LabelSeal.fromBase64(LABEL_KEY));
        try (StateReader reader = new StateReader(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()), rebuilt.handlers())) {
            reader.start();
            await().atMost(Duration.ofSeconds(30)).until(reader::isCaughtUp);
        }

        Assessment reopened = rebuilt.assessments().find(open).orElseThrow();
        assertThat(reopened.organization()).isEqualTo("cyberdyne");
        assertThat(reopened.closedAt()).isNull();
        assertThat(rebuilt.assessments().find(closed).orElseThrow().closedAt()).isNotNull();
        assertThat(rebuilt.responses().counts(open)).isEqualTo(new ResponseCounts(0, 1, 0, 0));
        Invitation invitation = rebuilt.invitations().byTokenHash(tokenHash).orElseThrow();
        assertThat(invitation.assessmentId()).isEqualTo(open);
        assertThat(invitation.function()).isEqualTo(BusinessFunction.MARKETING);
        assertThat(invitation.role()).isEqualTo(Role.HEAD);
        assertThat(invitation.label()).isEqualTo("cmo");
        assertThat(invitation.isUsed()).isFalse();
    }

    private static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(field, value);
        return copy;
    }

    private static List<Integer> replace(List<Integer> answers, int index, int value) {
        List<Integer> copy = new ArrayList<>(answers);
        copy.set(index, value);
        return copy;
    }

    private static List<Object> replaceAny(List<Integer> answers, int index, Object value) {
        List<Object> copy = new ArrayList<>(answers);
        copy.set(index, value);
        return copy;
    }
}
