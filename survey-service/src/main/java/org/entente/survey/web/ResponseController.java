package org.entente.survey.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.entente.survey.stream.ResponseIntake;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Intake for other applications: one response per call, published with source "api". */
@Tag(name = "responses")
@RestController
@RequestMapping("/api/responses")
public class ResponseController {

    private final ResponseIntake intake;

    public ResponseController(ResponseIntake intake) {
        this.intake = intake;
    }

    @Operation(operationId = "submitResponse",
            summary = "Submit a response", description = "Validates it, publishes SurveyResponseSubmitted and "
            + "answers 202 once the broker acknowledged it. Idempotent on responseId.")
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ResponseIntake.Accepted submit(@RequestBody SubmitResponseRequest request) {
        return intake.submit(request.toDraft(), "api");
    }
}
