package org.entente.advice.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.entente.support.relay.EveryInstance;
import org.entente.support.relay.OwnerRelay;
import org.entente.support.relay.RelayProblem;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lists spread over every instance, as JSON: {@code GET /api/assessments} (every assessment) and
 * {@code GET /api/organizations/{organization}/history} (the organization's assessments with their latest stages).
 * A caller gets the whole list, gathered from every instance, or a 502 naming the instance that did not answer; an
 * instance asking as a peer (a relayed request) gets this instance's own part.
 */
@RestController
public class AcrossInstancesController {

    private final AcrossInstances across;

    public AcrossInstancesController(AcrossInstances across) {
        this.across = across;
    }

    @Operation(operationId = "listAdvisedAssessments", tags = "assessments",
            summary = "Every assessment advice-service knows, gathered from every instance")
    @GetMapping(AcrossInstances.ASSESSMENTS_PATH)
    public List<AssessmentEntry> assessments(HttpServletRequest request) {
        return OwnerRelay.isRelayed(request) ? across.localAssessments() : whole(across.assessments());
    }

    @Operation(operationId = "getAdviceHistory", tags = "organizations",
            summary = "An organization's assessments with their latest stages, gathered from every instance")
    @GetMapping(AcrossInstances.HISTORY_PATH)
    public List<TrendEntry> history(@PathVariable String organization, HttpServletRequest request) {
        return OwnerRelay.isRelayed(request) ? across.localHistory(organization)
                : whole(across.history(organization));
    }

    private static <T> List<T> whole(EveryInstance.Gathered<T> gathered) {
        if (!gathered.complete()) {
            throw RelayProblem.badGateway("the list is incomplete: " + String.join(", ", gathered.missing())
                    + " did not answer");
        }
        return gathered.items();
    }

    @ExceptionHandler(RelayProblem.class)
    void relayProblem(RelayProblem problem, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        OwnerRelay.write(problem, request, response);
    }
}
