package org.entente.survey.stream;

import java.util.EnumSet;
import java.util.Set;
import org.entente.events.AlignmentContext;
import org.entente.events.AssessmentOpened;
import org.entente.events.StageClassified;
import org.entente.survey.domain.AlignmentQuestion;
import org.entente.survey.domain.Assessment;
import org.entente.survey.domain.StageSnapshot;

/** Maps between the Avro events of the public contract and the service's domain records, field by field. */
public final class EventMapping {

    private EventMapping() {
    }

    public static AssessmentOpened toEvent(Assessment assessment) {
        AlignmentContext context = new AlignmentContext();
        for (AlignmentQuestion question : AlignmentQuestion.values()) {
            context.put(question.field(), assessment.answered(question));
        }
        return AssessmentOpened.newBuilder()
                .setAssessmentId(assessment.id())
                .setOrganization(assessment.organization())
                .setTitle(assessment.title())
                .setInstrumentVersion(assessment.instrumentVersion())
                .setStatementCount(assessment.statementCount())
                .setAnonymityThreshold(assessment.anonymityThreshold())
                .setOpensAt(assessment.opensAt())
                .setClosesAt(assessment.closesAt())
                .setContext(context)
                .setNamed(assessment.named())
                .build();
    }

    public static Assessment toAssessment(AssessmentOpened event) {
        Set<AlignmentQuestion> yes = EnumSet.noneOf(AlignmentQuestion.class);
        if (event.getContext() != null) {
            for (AlignmentQuestion question : AlignmentQuestion.values()) {
                if (Boolean.TRUE.equals(event.getContext().get(question.field()))) {
                    yes.add(question);
                }
            }
        }
        return new Assessment(event.getAssessmentId(), event.getOrganization(), event.getTitle(),
                event.getInstrumentVersion(), event.getStatementCount(), event.getAnonymityThreshold(),
                event.getOpensAt(), event.getClosesAt(), yes, null, event.getNamed());
    }

    public static StageSnapshot toSnapshot(StageClassified event) {
        return new StageSnapshot(event.getAssessmentId(), event.getRevision(), event.getFinal$(), event.getStage(),
                event.getScore(), event.getRespondentCount(), event.getClassifiedAt());
    }
}
