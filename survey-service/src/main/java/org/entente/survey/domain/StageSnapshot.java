package org.entente.survey.domain;

import java.time.Instant;
import org.entente.events.Stage;

/** The latest classification the scoring service published for an assessment: enough to draw a trend. */
public record StageSnapshot(String assessmentId, long revision, boolean isFinal, Stage stage, double score,
        int respondentCount, Instant classifiedAt) {
}
