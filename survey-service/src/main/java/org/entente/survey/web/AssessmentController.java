package org.entente.survey.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import org.entente.survey.domain.Assessment;
import org.entente.survey.stream.AssessmentService;
import org.entente.survey.stream.SurveyState;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Opening, listing, showing and closing assessments; for admins (see {@code SurveySecurityConfig}). */
@Tag(name = "assessments")
@RestController
@RequestMapping("/api/assessments")
public class AssessmentController {

    private final AssessmentService assessments;
    private final SurveyState state;
    private final Clock clock;

    public AssessmentController(AssessmentService assessments, SurveyState state, Clock clock) {
        this.assessments = assessments;
        this.state = state;
        this.clock = clock;
    }

    @ApiResponse(responseCode = "409", description = "An assessment with this id exists")
    @Operation(operationId = "openAssessment",
            summary = "Open an assessment", description = "Publishes AssessmentOpened and answers 201 once the "
            + "broker acknowledged it.")
    @PostMapping
    public ResponseEntity<AssessmentView> open(@RequestBody OpenAssessmentRequest request) {
        Assessment opened = assessments.open(request.toDraft());
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", "/api/assessments/" + opened.id())
                .body(view(opened));
    }

    @Operation(operationId = "listAssessments",
            summary = "List assessments, newest first; optionally of one organization")
    @GetMapping
    public List<AssessmentView> list(@RequestParam(required = false) String organization) {
        state.requireReady();
        List<Assessment> all = organization == null ? state.assessments().all()
                : state.assessments().all().stream().filter(a -> a.organization().equals(organization)).toList();
        return all.stream().map(this::view).toList();
    }

    @ApiResponse(responseCode = "404", description = "No such assessment")
    @Operation(operationId = "getAssessment",
            summary = "Show an assessment with its response counts by function and role")
    @GetMapping("/{assessmentId}")
    public AssessmentView show(@PathVariable String assessmentId) {
        return view(assessments.find(assessmentId));
    }

    @ApiResponse(responseCode = "404", description = "No such assessment")
    @Operation(operationId = "closeAssessment",
            summary = "Close an assessment", description = "Publishes AssessmentClosed; closing a closed "
            + "assessment changes nothing.")
    @PostMapping("/{assessmentId}/close")
    public AssessmentView close(@PathVariable String assessmentId) {
        return view(assessments.close(assessmentId));
    }

    private AssessmentView view(Assessment assessment) {
        return AssessmentView.of(assessment, state.responses().counts(assessment.id()),
                state.stages().latest(assessment.id()).orElse(null), clock.instant());
    }
}
