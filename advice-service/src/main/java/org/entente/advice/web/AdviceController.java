package org.entente.advice.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.entente.advice.stream.AdviceQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves the latest advice for an assessment as JSON. */
@Tag(name = "advice")
@RestController
public class AdviceController {

    private final AdviceQueries queries;

    public AdviceController(AdviceQueries queries) {
        this.queries = queries;
    }

    @ApiResponse(responseCode = "404", description = "No advice for this assessment yet")
    @Operation(operationId = "getAdvice", summary = "The advice for an assessment's latest stage revision")
    @GetMapping("/api/assessments/{id}/advice")
    public AdviceResponse advice(@PathVariable String id) {
        return queries.advice(id).map(AdviceResponse::from)
                .orElseThrow(() -> new UnknownAssessmentException(id));
    }
}
