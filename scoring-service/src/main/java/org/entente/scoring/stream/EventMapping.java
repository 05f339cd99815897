package org.entente.scoring.stream;

import java.time.Instant;
import java.util.List;
import org.entente.events.AssessmentOpened;
import org.entente.events.FunctionScore;
import org.entente.events.RoleScore;
import org.entente.events.StageClassified;
import org.entente.events.StatementScore;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.AssessmentTerms;
import org.entente.scoring.domain.BusinessFunction;
import org.entente.scoring.domain.Classification;
import org.entente.scoring.domain.Role;
import org.entente.scoring.domain.Submission;

/** Maps between the Avro events on the topics and scoring's domain, field by field. */
final class EventMapping {

    private EventMapping() {
    }

    static AssessmentTerms terms(AssessmentOpened opened) {
        return new AssessmentTerms(opened.getAssessmentId(), opened.getStatementCount(),
                opened.getAnonymityThreshold(), opened.getNamed(), opened.getClosesAt());
    }

    static Submission submission(SurveyResponseSubmitted response) {
        return new Submission(response.getResponseId(), response.getRespondentId(),
                BusinessFunction.valueOf(response.getFunction().name()), Role.valueOf(response.getRole().name()),
                response.getAnswers(), response.getSubmittedAt());
    }

    /**
     * The generated record of a revision: what {@link EventLayouts#stageClassified} writes by hand, byte for byte
     * (a test holds the two equal); the service itself publishes through the layout.
     */
    static StageClassified stageClassified(AssessmentTerms terms, AssessmentLedger.Revision revision,
            Instant classifiedAt) {
        Classification c = revision.classification();
        List<StatementScore> statements = c.statements().stream()
                .map(s -> new StatementScore(s.statement(), s.mean(), s.salesMean(), s.marketingMean()))
                .toList();
        return StageClassified.newBuilder()
                .setAssessmentId(terms.assessmentId())
                .setRevision(revision.number())
                .setFinal$(revision.isFinal())
                .setStage(stage(c.stage()))
                .setScore(c.score())
                .setRespondentCount(c.respondentCount())
                .setSales(functionScore(c.sales()))
                .setMarketing(functionScore(c.marketing()))
                .setPerceptionGap(c.perceptionGap())
                .setStatements(statements)
                .setClassifiedAt(classifiedAt)
                .setNearBoundary(c.nearBoundary())
                .setHeads(groupScore(c.heads()))
                .setStaff(groupScore(c.staff()))
                .setHeldBack(revision.heldBack())
                .setNamed(terms.named())
                .build();
    }

    private static org.entente.events.Stage stage(org.entente.rules.Stage stage) {
        return org.entente.events.Stage.valueOf(stage.name());
    }

    private static FunctionScore functionScore(Classification.FunctionScore f) {
        return FunctionScore.newBuilder()
                .setRespondentCount(f.respondentCount())
                .setMeanTotal(f.meanTotal())
                .setStage(stage(f.stage()))
                .setSpread(f.spread())
                .build();
    }

    private static RoleScore groupScore(Classification.GroupScore g) {
        return g == null ? null : RoleScore.newBuilder()
                .setRespondentCount(g.respondentCount())
                .setMeanTotal(g.meanTotal())
                .setStage(stage(g.stage()))
                .build();
    }
}
