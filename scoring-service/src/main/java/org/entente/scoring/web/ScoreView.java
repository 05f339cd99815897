package org.entente.scoring.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.Classification;
import org.entente.scoring.domain.Tally;

/**
 * The body of {@code GET /api/assessments/{id}/score}. SCORED carries the latest published revision (never what was
 * counted after it: the score served follows the same rule against differencing as the revisions), whether the
 * assessment is named, and, once the final revision is out, how many respondents it held back; WAITING carries no
 * score at all, only how many more respondents each function needs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoreView(String assessmentId, String status, Long revision, Boolean closed,
        @JsonProperty("final") Boolean isFinal,
        String stage, Double score, Integer respondentCount, FunctionView sales, FunctionView marketing,
        Double perceptionGap, Boolean nearBoundary, List<StatementView> statements, GroupView heads, GroupView staff,
        Boolean named, Integer heldBack, WaitingView waitingFor, String message) {

    public static final String SCORED = "SCORED";
    public static final String WAITING = "WAITING";

    public record FunctionView(int respondentCount, double meanTotal, String stage, double spread) {
    }

    public record GroupView(int respondentCount, double meanTotal, String stage) {
    }

    /** One statement: both functions' means weighed equally, each function's own, and Sales' minus Marketing's. */
    public record StatementView(int statement, double mean, double salesMean, double marketingMean, double gap) {
    }

    public record WaitingView(int sales, int marketing) {
    }

    /** The view of a ledger as it stands: its last published revision, or what it is still waiting for. */
    public static ScoreView of(AssessmentLedger ledger) {
        String id = ledger.terms().assessmentId();
        var classification = ledger.classification();
        if (classification.isEmpty() || ledger.revision() == 0) {
            Tally.Waiting waiting = ledger.waiting();
            String message = ledger.isClosed()
                    ? "closed without enough responses to show a score anonymously: it was still "
                            + waiting.message()
                    : waiting.message();
            return new ScoreView(id, WAITING, null, ledger.isClosed(), null, null, null, null, null, null, null, null,
                    null, null, null, ledger.terms().named(), null,
                    new WaitingView(waiting.sales(), waiting.marketing()), message);
        }
        Classification c = classification.get();
        List<StatementView> statements = c.statements().stream()
                .map(s -> new StatementView(s.statement(), s.mean(), s.salesMean(), s.marketingMean(),
                        s.salesMean() - s.marketingMean()))
                .toList();
        return new ScoreView(id, SCORED, ledger.revision(), ledger.isClosed(), ledger.isFinalPublished(),
                c.stage().name(), c.score(), c.respondentCount(), function(c.sales()), function(c.marketing()),
                c.perceptionGap(), c.nearBoundary(), statements, group(c.heads()), group(c.staff()),
                ledger.terms().named(), ledger.isFinalPublished() ? ledger.heldBack() : null, null, null);
    }

    private static FunctionView function(Classification.FunctionScore f) {
        return new FunctionView(f.respondentCount(), f.meanTotal(), f.stage().name(), f.spread());
    }

    private static GroupView group(Classification.GroupScore g) {
        return g == null ? null : new GroupView(g.respondentCount(), g.meanTotal(), g.stage().name());
    }
}
