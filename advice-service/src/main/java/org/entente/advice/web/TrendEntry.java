package org.entente.advice.web;

import java.time.Instant;
import org.entente.events.AssessmentOpened;
import org.entente.events.StageClassified;

/**
 * One of an organization's assessments as the report's trend shows it: its title and opening date (when its opening
 * has been seen) and its latest stage. It is also what one instance sends another when the trend is gathered.
 */
public record TrendEntry(String assessmentId, String title, Instant opensAt, Instant classifiedAt, double score,
        String stage, Double salesMean, Double marketingMean) {

    /** @param opened the assessment's opening, or null when it has not been seen */
    public static TrendEntry of(AssessmentOpened opened, StageClassified stage) {
        return new TrendEntry(stage.getAssessmentId(), opened == null ? null : opened.getTitle(),
                opened == null ? null : opened.getOpensAt(), stage.getClassifiedAt(), stage.getScore(),
                stage.getStage().name(), stage.getSales() == null ? null : stage.getSales().getMeanTotal(),
                stage.getMarketing() == null ? null : stage.getMarketing().getMeanTotal());
    }

    /** When the assessment opened, or when it was classified if its opening has not been seen. */
    Instant when() {
        return opensAt == null ? classifiedAt : opensAt;
    }
}
