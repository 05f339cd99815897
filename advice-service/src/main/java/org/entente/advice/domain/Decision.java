package org.entente.advice.domain;

import java.util.List;
import org.entente.rules.Stage;

/** The outcome of the decision gate: hold or move, where to, and why in plain sentences. */
public record Decision(Recommendation recommendation, Stage targetStage, List<String> reasons) {

    public Decision {
        reasons = List.copyOf(reasons);
    }

    public boolean movesUp() {
        return recommendation == Recommendation.MOVE_UP;
    }
}
