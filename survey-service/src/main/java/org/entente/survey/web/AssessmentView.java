package org.entente.survey.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.entente.survey.domain.AlignmentQuestion;
import org.entente.survey.domain.Assessment;
import org.entente.survey.domain.ResponseCounts;
import org.entente.survey.domain.StageSnapshot;

/**
 * An assessment as the API shows it: its settings, whether it still takes responses, how many people of each
 * function and role have answered (never what they answered), and its latest stage once scored. {@code named}: the
 * assessment is not anonymous.
 */
public record AssessmentView(String assessmentId, String organization, String title, String instrumentVersion,
        int statementCount, int anonymityThreshold, boolean named, Instant opensAt, Instant closesAt, Instant closedAt,
        Map<String, Boolean> context, String status, Counts responses, StageView stage) {

    /** Respondents so far; a respondent who re-submitted counts once. */
    public record Counts(int total, FunctionCounts sales, FunctionCounts marketing) {
    }

    public record FunctionCounts(int total, int heads, int staff) {
    }

    /** The scoring service's latest classification; null until it has published one. */
    public record StageView(String stage, double score, long revision, boolean isFinal, int respondentCount,
            Instant classifiedAt) {
    }

    public static AssessmentView of(Assessment assessment, ResponseCounts counts, StageSnapshot stage, Instant now) {
        Map<String, Boolean> context = new LinkedHashMap<>();
        for (AlignmentQuestion question : AlignmentQuestion.values()) {
            context.put(question.field(), assessment.answered(question));
        }
        return new AssessmentView(assessment.id(), assessment.organization(), assessment.title(),
                assessment.instrumentVersion(), assessment.statementCount(), assessment.anonymityThreshold(),
                assessment.named(), assessment.opensAt(), assessment.closesAt(), assessment.closedAt(), context,
                assessment.statusAt(now).name(),
                new Counts(counts.total(),
                        new FunctionCounts(counts.sales(), counts.salesHeads(), counts.salesStaff()),
                        new FunctionCounts(counts.marketing(), counts.marketingHeads(), counts.marketingStaff())),
                stage == null ? null : new StageView(stage.stage().name(), stage.score(), stage.revision(),
                        stage.isFinal(), stage.respondentCount(), stage.classifiedAt()));
    }
}
