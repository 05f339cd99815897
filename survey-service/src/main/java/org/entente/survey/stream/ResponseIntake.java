package org.entente.survey.stream;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.schemas.Topics;
import org.entente.survey.domain.Assessment;
import org.entente.survey.domain.RejectedException;
import org.entente.survey.domain.ResponseDraft;
import org.entente.survey.domain.ResponseRules;

/**
 * Accepts a response from the API or the respondent form: checks it against {@link ResponseRules}, publishes
 * {@code SurveyResponseSubmitted} keyed by assessmentId, and returns only once the broker acknowledged it. A
 * responseId already on the topic is answered as accepted again without publishing a second copy.
 */
public class ResponseIntake {

    /** What the client is told: the ids under which the response was accepted. */
    public record Accepted(String responseId, String assessmentId) {
    }

    private final SurveyState state;
    private final EventPublisher publisher;
    private final Clock clock;

    public ResponseIntake(SurveyState state, EventPublisher publisher, Clock clock) {
        this.state = state;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** {@code source} is "api", "web" or the name of the application that sent the response. */
    public Accepted submit(ResponseDraft draft, String source) {
        state.requireReady();
        Instant now = clock.instant();
        Optional<Assessment> assessment = state.assessments().find(draft.assessmentId());
        Map<String, String> problems = ResponseRules.problems(draft, assessment, now);
        if (!problems.isEmpty()) {
            throw RejectedException.because("the response was refused", problems);
        }
        String responseId = draft.responseId() != null ? draft.responseId() : UUID.randomUUID().toString();
        if (state.responses().knows(draft.assessmentId(), responseId)) {
            return new Accepted(responseId, draft.assessmentId());
        }
        SurveyResponseSubmitted event = SurveyResponseSubmitted.newBuilder()
                .setResponseId(responseId)
                .setAssessmentId(draft.assessmentId())
                .setRespondentId(draft.respondentId())
                .setFunction(ResponseRules.function(draft.function()).orElseThrow())
                .setRole(ResponseRules.role(draft.role()).orElseThrow())
                .setInstrumentVersion(assessment.orElseThrow().instrumentVersion())
                .setAnswers(Arrays.stream(ResponseRules.answerValues(draft.answers())).boxed().toList())
                .setSubmittedAt(now)
                .setSource(source)
                .build();
        publisher.publish(Topics.RESPONSES, draft.assessmentId(), event);
        state.responses().record(event.getAssessmentId(), responseId, event.getRespondentId(), event.getFunction(),
                event.getRole());
        return new Accepted(responseId, draft.assessmentId());
    }
}
