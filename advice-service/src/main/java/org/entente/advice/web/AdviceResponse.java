package org.entente.advice.web;

import java.time.Instant;
import java.util.List;
import org.entente.events.AdviceAction;
import org.entente.events.AdviceGenerated;
import org.entente.events.StatementFocus;
import org.entente.rules.Statements;

/** The JSON of {@code GET /api/assessments/{id}/advice}: the latest {@code AdviceGenerated}, field for field. */
public record AdviceResponse(String assessmentId, long basedOnRevision, String currentStage, String recommendation,
        String targetStage, List<String> rationale, List<Action> actions, List<Focus> focus, Instant generatedAt) {

    public record Action(String id, String title, String transition, String owner, int priority,
            List<Integer> motivatedBy, String explanation) {
    }

    /** A statement to focus on; {@code label} is the report's short name for the statement's theme. */
    public record Focus(int statement, String label, String kind, double mean, Double gap, String suggestion) {
    }

    public static AdviceResponse from(AdviceGenerated advice) {
        return new AdviceResponse(advice.getAssessmentId(), advice.getBasedOnRevision(),
                advice.getCurrentStage().name(), advice.getRecommendation().name(),
                advice.getTargetStage() == null ? null : advice.getTargetStage().name(),
                List.copyOf(advice.getRationale()),
                advice.getActions().stream().map(AdviceResponse::action).toList(),
                advice.getFocus().stream().map(AdviceResponse::focus).toList(),
                advice.getGeneratedAt());
    }

    private static Action action(AdviceAction a) {
        return new Action(a.getId(), a.getTitle(), a.getTransition(), a.getOwner().name(), a.getPriority(),
                List.copyOf(a.getMotivatedBy()), a.getExplanation());
    }

    private static Focus focus(StatementFocus f) {
        return new Focus(f.getStatement(), Statements.label(f.getStatement()), f.getKind().name(), f.getMean(),
                f.getGap(), f.getSuggestion());
    }
}
