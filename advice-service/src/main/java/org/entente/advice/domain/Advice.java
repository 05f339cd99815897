package org.entente.advice.domain;

import java.util.List;
import org.entente.rules.Stage;

/** The advice for one revision of an assessment's score. */
public record Advice(long basedOnRevision, Stage currentStage, Recommendation recommendation, Stage targetStage,
        List<String> rationale, List<RankedAction> actions, List<Focus> focus) {

    public Advice {
        rationale = List.copyOf(rationale);
        actions = List.copyOf(actions);
        focus = List.copyOf(focus);
    }
}
