package org.entente.advice.web;

import org.entente.advice.stream.AdviceQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves the latest advice for an assessment as JSON. */
@RestController
public class AdviceController {

    private final AdviceQueries queries;

    public AdviceController(AdviceQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/assessments/{id}/advice")
    public AdviceResponse advice(@PathVariable String id) {
        return queries.advice(id).map(AdviceResponse::from)
                .orElseThrow(() -> new UnknownAssessmentException(id));
    }
}
