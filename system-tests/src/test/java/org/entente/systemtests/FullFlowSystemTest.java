package org.entente.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.entente.events.AdviceAction;
import org.entente.events.AdviceGenerated;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.StageClassified;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.schemas.Topics;
import org.entente.systemtests.EntenteStack.Service;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

/**
 * The whole flow through the images, over the HTTP contracts and the topics: an assessment is opened, Sales and
 * Marketing respond (one response published straight onto the responses topic by "another application"), the
 * scoring-service is killed mid-stream and restarted, and the final scores must still be exact — no response lost,
 * none counted twice — with advice following the final revision.
 *
 * <p>Runs by default; {@code -Dentente.system-tests.full=false} leaves it out for a quick check of the images alone.
 */
@Tag("full-flow")
@DisabledIfSystemProperty(named = "entente.system-tests.full", matches = "false",
        disabledReason = "left out with -Dentente.system-tests.full=false")
@ExtendWith(EntenteStackExtension.class)
class FullFlowSystemTest {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final List<String> TO_INTEGRATED = List.of("chief-revenue-officer", "shared-funnel",
            "split-marketing", "shared-targets-rewards", "integrated-metrics");

    @Test
    void scoresStayExactWhenTheScoringServiceIsKilledMidStream(EntenteStack stack) {
        ServiceContainer survey = stack.service(Service.SURVEY);
        ServiceContainer scoring = stack.service(Service.SCORING);
        ServiceContainer advice = stack.service(Service.ADVICE);

        // A long, complex sales cycle: an Aligned company is advised to move up to Integrated.
        Http.Reply opened = Http.post(survey.uri("/api/assessments"), Map.of(
                "organization", "acme-" + UUID.randomUUID().toString().substring(0, 8),
                "title", "System test",
                "anonymityThreshold", 3,
                "context", Map.of("salesCycleLongOrComplex", true)));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String assessmentId = opened.json().path("assessmentId").asString();
        assertThat(assessmentId).isNotBlank();

        try (EventLog log = new EventLog(stack.bootstrapServers(), assessmentId);
                KafkaProducer<String, SurveyResponseSubmitted> producer = producer(stack)) {
            respond(survey, assessmentId, "sales-1", "SALES", "HEAD", 3);        // 60
            respond(survey, assessmentId, "sales-2", "SALES", "STAFF", 4);       // 80, replaced below
            respond(survey, assessmentId, "sales-3", "SALES", "STAFF", 2);       // 40
            respond(survey, assessmentId, "marketing-1", "MARKETING", "HEAD", 2); // 40
            respond(survey, assessmentId, "marketing-2", "MARKETING", "STAFF", 3); // 60
            SurveyResponseSubmitted fromAnotherApp = response(assessmentId, "marketing-3", 4); // 80
            publish(producer, fromAnotherApp);

            // Three on each side: the threshold is met and a first revision is published.
            StageClassified first = await("first StageClassified").atMost(PATIENCE).until(
                    () -> log.poll().stages().stream().filter(s -> s.getRespondentCount() == 6).findFirst().orElse(null),
                    s -> s != null);
            assertThat(first.getScore()).isEqualTo(60.0);

            scoring.kill();
            respond(survey, assessmentId, "sales-4", "SALES", "STAFF", 5);       // 100
            respond(survey, assessmentId, "sales-2", "SALES", "STAFF", 3);       // sales-2 now 60
            publish(producer, fromAnotherApp);                                    // the same responseId again
            // Sales has changed by two respondents: not shown until a third (the rule against differencing)
            respond(survey, assessmentId, "sales-5", "SALES", "STAFF", 3);       // 60
            scoring.restart();

            // Sales {60, 60, 40, 100, 60} -> 64; Marketing {40, 60, 80} -> 60; score 62, Aligned, gap +4.
            await("exact scores after the restart").atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
                Http.Reply score = Http.get(scoring.uri("/api/assessments/" + assessmentId + "/score"));
                assertThat(score.status()).as(score.body()).isEqualTo(200);
                JsonNode json = score.json();
                assertThat(json.path("status").asString()).isEqualTo("SCORED");
                assertThat(json.path("respondentCount").asInt()).isEqualTo(8);
                assertThat(json.path("score").asDouble()).isEqualTo(62.0);
                assertThat(json.path("stage").asString()).isEqualTo("ALIGNED");
                assertThat(json.path("sales").path("meanTotal").asDouble()).isEqualTo(64.0);
                assertThat(json.path("sales").path("respondentCount").asInt()).isEqualTo(5);
                assertThat(json.path("marketing").path("meanTotal").asDouble()).isEqualTo(60.0);
                assertThat(json.path("marketing").path("respondentCount").asInt()).isEqualTo(3);
                assertThat(json.path("perceptionGap").asDouble()).isEqualTo(4.0);
            });

            Http.Reply closed = Http.post(survey.uri("/api/assessments/" + assessmentId + "/close"), Map.of());
            assertThat(closed.status()).as(closed.body()).isEqualTo(200);

            StageClassified last = await("final StageClassified").atMost(PATIENCE).until(
                    () -> log.poll().stages().stream().filter(StageClassified::getFinal$).findFirst().orElse(null),
                    s -> s != null);
            assertThat(last.getRespondentCount()).isEqualTo(8);
            assertThat(last.getScore()).isEqualTo(62.0);
            assertThat(last.getStage().name()).isEqualTo("ALIGNED");
            assertThat(last.getSales().getMeanTotal()).isEqualTo(64.0);
            assertThat(last.getMarketing().getMeanTotal()).isEqualTo(60.0);
            assertThat(last.getPerceptionGap()).isEqualTo(4.0);
            assertThat(last.getHeldBack()).isZero();
            List<Long> revisions = log.stages().stream().map(StageClassified::getRevision).toList();
            assertThat(revisions).as("revisions grow by one, none repeated across the crash")
                    .doesNotHaveDuplicates().isSorted().last().isEqualTo(last.getRevision());

            AdviceGenerated finalAdvice = await("advice on the final revision").atMost(PATIENCE).until(
                    () -> log.poll().advice().stream().filter(a -> a.getBasedOnRevision() == last.getRevision())
                            .findFirst().orElse(null),
                    a -> a != null);
            assertThat(finalAdvice.getRecommendation().name()).isEqualTo("MOVE_UP");
            assertThat(finalAdvice.getTargetStage().name()).isEqualTo("INTEGRATED");
            assertThat(finalAdvice.getActions()).isNotEmpty();
            assertThat(finalAdvice.getActions().stream().map(AdviceAction::getId).toList()).allMatch(TO_INTEGRATED::contains);

            await("advice served over HTTP").atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
                Http.Reply served = Http.get(advice.uri("/api/assessments/" + assessmentId + "/advice"));
                assertThat(served.status()).as(served.body()).isEqualTo(200);
                assertThat(served.json().path("basedOnRevision").asLong()).isEqualTo(last.getRevision());
                assertThat(served.json().path("recommendation").asString()).isEqualTo("MOVE_UP");
                assertThat(served.json().path("targetStage").asString()).isEqualTo("INTEGRATED");
            });
        }
    }

    @Test
    void unknownAssessmentsAreNotFound(EntenteStack stack) {
        String unknown = "no-such-assessment-" + UUID.randomUUID();
        assertThat(Http.get(stack.service(Service.SCORING).uri("/api/assessments/" + unknown + "/score")).status())
                .isEqualTo(404);
        assertThat(Http.get(stack.service(Service.ADVICE).uri("/api/assessments/" + unknown + "/advice")).status())
                .isEqualTo(404);
    }

    static void respond(ServiceContainer survey, String assessmentId, String respondent, String function,
            String role, int everyAnswer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assessmentId", assessmentId);
        body.put("respondentId", respondent);
        body.put("function", function);
        body.put("role", role);
        body.put("answers", Collections.nCopies(20, everyAnswer));
        Http.Reply reply = Http.post(survey.uri("/api/responses"), body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    }

    private static SurveyResponseSubmitted response(String assessmentId, String respondent, int everyAnswer) {
        return SurveyResponseSubmitted.newBuilder()
                .setResponseId(UUID.randomUUID().toString())
                .setAssessmentId(assessmentId)
                .setRespondentId(respondent)
                .setFunction(BusinessFunction.MARKETING)
                .setRole(Role.STAFF)
                .setInstrumentVersion("1")
                .setAnswers(Collections.nCopies(20, everyAnswer))
                .setSubmittedAt(Instant.now())
                .setSource("system-tests")
                .build();
    }

    private static KafkaProducer<String, SurveyResponseSubmitted> producer(EntenteStack stack) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"),
                Topics.RESPONSES.keySerde().serializer(), Topics.RESPONSES.valueSerde().serializer());
    }

    private static void publish(KafkaProducer<String, SurveyResponseSubmitted> producer, SurveyResponseSubmitted response) {
        try {
            producer.send(new ProducerRecord<>(Topics.RESPONSES.name(), response.getAssessmentId(), response))
                    .get(Duration.ofSeconds(30).toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not take the response", e);
        }
    }
}
