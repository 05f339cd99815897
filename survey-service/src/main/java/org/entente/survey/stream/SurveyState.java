package org.entente.survey.stream;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.entente.events.AssessmentClosed;
import org.entente.events.AssessmentOpened;
import org.entente.events.StageClassified;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.rules.ResponseValidity;
import org.entente.rules.Statements;
import org.entente.schemas.Topics;
import org.entente.survey.domain.Assessment;
import org.entente.survey.domain.AssessmentStore;
import org.entente.survey.domain.InvitationBook;
import org.entente.survey.domain.LabelSeal;
import org.entente.survey.domain.ResponseTally;
import org.entente.survey.domain.StageHistory;

/**
 * Everything survey-service knows, held in memory and fed from Kafka: assessments, who has responded, the latest
 * stage of each scored assessment, and the invitations. {@link #handlers()} say how each topic's records change it;
 * the service also applies its own writes as soon as they are acknowledged, so a client that just opened an
 * assessment can respond to it at once.
 *
 * <p>Responses published by other applications count only when they would be valid (right number of answers, each
 * from 1 to 5, submitted before the closing); this mirrors the scoring service's rules for counting purposes only.
 */
public final class SurveyState {

    private final AssessmentStore assessments = new AssessmentStore();
    private final ResponseTally responses = new ResponseTally();
    private final StageHistory stages = new StageHistory();
    private final InvitationBook invitations = new InvitationBook();
    private final LabelSeal labelSeal;
    private volatile BooleanSupplier complete = () -> false;

    /** A state whose invitation labels are opened with this seal. */
    public SurveyState(LabelSeal labelSeal) {
        this.labelSeal = labelSeal;
    }

    /** A state without a label key: sealed labels are left out. */
    public SurveyState() {
        this(LabelSeal.none());
    }

    public LabelSeal labelSeal() {
        return labelSeal;
    }

    public AssessmentStore assessments() {
        return assessments;
    }

    public ResponseTally responses() {
        return responses;
    }

    public StageHistory stages() {
        return stages;
    }

    public InvitationBook invitations() {
        return invitations;
    }

    /** Tells the state how to know it is complete: normally its {@link StateReader} has caught up. */
    public void completeWhen(BooleanSupplier condition) {
        this.complete = condition;
    }

    public boolean isReady() {
        return complete.getAsBoolean();
    }

    public void requireReady() {
        if (!isReady()) {
            throw new StateNotReadyException();
        }
    }

    /** Handlers for a {@link StateReader}, by topic name. */
    public Map<String, Consumer<ConsumerRecord<String, byte[]>>> handlers() {
        return Map.of(
                Topics.ASSESSMENTS.name(), this::onAssessmentRecord,
                Topics.RESPONSES.name(), this::onResponseRecord,
                Topics.STAGES.name(), this::onStageRecord,
                InvitationLog.TOPIC, this::onInvitationRecord);
    }

    void onAssessmentRecord(ConsumerRecord<String, byte[]> record) {
        SpecificRecord event = Topics.ASSESSMENTS.valueSerde().deserializer().deserialize(record.topic(),
                record.value());
        if (event instanceof AssessmentOpened opened) {
            assessments.opened(EventMapping.toAssessment(opened), record.offset());
        } else if (event instanceof AssessmentClosed closed) {
            assessments.closed(closed.getAssessmentId(), closed.getClosedAt(), record.offset());
        }
    }

    void onResponseRecord(ConsumerRecord<String, byte[]> record) {
        SurveyResponseSubmitted response = Topics.RESPONSES.valueSerde().deserializer().deserialize(record.topic(),
                record.value());
        if (response != null && counts(response)) {
            responses.record(response.getAssessmentId(), response.getResponseId(), response.getRespondentId(),
                    response.getFunction(), response.getRole());
        }
    }

    private boolean counts(SurveyResponseSubmitted response) {
        Assessment assessment = assessments.find(response.getAssessmentId()).orElse(null);
        int expected = assessment == null ? Statements.COUNT : assessment.statementCount();
        boolean closedBefore = assessment != null && assessment.closedAt() != null
                && response.getSubmittedAt().isAfter(assessment.closedAt());
        return !closedBefore && ResponseValidity.isValid(response.getAnswers(), expected);
    }

    void onStageRecord(ConsumerRecord<String, byte[]> record) {
        StageClassified stage = Topics.STAGES.valueSerde().deserializer().deserialize(record.topic(), record.value());
        if (stage != null) {
            stages.classified(EventMapping.toSnapshot(stage));
        }
    }

    void onInvitationRecord(ConsumerRecord<String, byte[]> record) {
        if (record.value() != null) {
            invitations.put(InvitationLog.decode(record.value(), labelSeal), record.offset());
        }
    }
}
