package org.entente.survey.stream;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.entente.events.AssessmentClosed;
import org.entente.schemas.Topics;
import org.entente.survey.domain.Assessment;
import org.entente.survey.domain.AssessmentDraft;
import org.entente.survey.domain.AssessmentRules;
import org.entente.survey.domain.ConflictException;
import org.entente.survey.domain.NotFoundException;
import org.entente.survey.domain.RejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and closes assessments by publishing {@code AssessmentOpened} and {@code AssessmentClosed} on the
 * assessments topic; an assessment exists once the broker has acknowledged its opening. Also closes assessments
 * whose closing time has passed ({@link #closeDue}), with the scheduled time as the closing time.
 *
 * <p>Several instances may each publish the closing of the same overdue assessment; consumers treat a second
 * closing as a no-op.
 */
public class AssessmentService {

    private static final Logger log = LoggerFactory.getLogger(AssessmentService.class);

    private final SurveyState state;
    private final EventPublisher publisher;
    private final Clock clock;

    public AssessmentService(SurveyState state, EventPublisher publisher, Clock clock) {
        this.state = state;
        this.publisher = publisher;
        this.clock = clock;
    }

    public Assessment open(AssessmentDraft draft) {
        state.requireReady();
        Instant now = clock.instant();
        Map<String, String> problems = AssessmentRules.problems(draft, now);
        if (!problems.isEmpty()) {
            throw RejectedException.because("the assessment cannot be opened as asked", problems);
        }
        Assessment assessment = AssessmentRules.toAssessment(draft, now);
        if (state.assessments().find(assessment.id()).isPresent()) {
            throw new ConflictException("an assessment with the id '" + assessment.id() + "' already exists");
        }
        RecordMetadata ack = publisher.publish(Topics.ASSESSMENTS, assessment.id(), EventMapping.toEvent(assessment));
        state.assessments().opened(assessment, ack.offset());
        return assessment;
    }

    /** Closes by hand; closing a closed assessment changes nothing and publishes nothing. */
    public Assessment close(String assessmentId) {
        state.requireReady();
        Assessment assessment = find(assessmentId);
        if (assessment.closedAt() != null) {
            return assessment;
        }
        return publishClosing(assessment, clock.instant());
    }

    public Assessment find(String assessmentId) {
        state.requireReady();
        return state.assessments().find(assessmentId)
                .orElseThrow(() -> new NotFoundException("no assessment has the id '" + assessmentId + "'"));
    }

    /** Publishes the closing of every open assessment whose closing time has passed. */
    public void closeDue() {
        if (!state.isReady()) {
            return;
        }
        for (Assessment due : state.assessments().dueToClose(clock.instant())) {
            try {
                publishClosing(due, due.closesAt());
                log.info("closed assessment {} at its closing time {}", due.id(), due.closesAt());
            } catch (KafkaUnavailableException e) {
                log.warn("could not close assessment {} yet: {}", due.id(), e.getMessage());
            }
        }
    }

    private Assessment publishClosing(Assessment assessment, Instant closedAt) {
        RecordMetadata ack = publisher.publish(Topics.ASSESSMENTS, assessment.id(),
                new AssessmentClosed(assessment.id(), closedAt));
        state.assessments().closed(assessment.id(), closedAt, ack.offset());
        return state.assessments().find(assessment.id()).orElseThrow();
    }
}
