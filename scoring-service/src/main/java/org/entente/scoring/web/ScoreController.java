package org.entente.scoring.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.stream.ScoringTopology;
import org.entente.support.streams.ServiceStreams;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves an assessment's latest score, or what it is waiting for, from this instance's scoring state store. Only
 * aggregates: the view carries no respondent's or response's identity. Who may ask is decided before the request
 * gets here, and a request for an assessment another instance holds never gets here: the shared owner relay
 * (service-support, routes in {@code RelayConfig}) passes it to that instance.
 */
@Tag(name = "scores")
@RestController
public class ScoreController {

    private final ServiceStreams scoring;

    public ScoreController(ServiceStreams scoring) {
        this.scoring = scoring;
    }

    @ApiResponse(responseCode = "404", description = "No such assessment")
    @Operation(operationId = "getScore", summary = "An assessment's latest score, or what it is still waiting for")
    @GetMapping(path = "/api/assessments/{id}/score", produces = MediaType.APPLICATION_JSON_VALUE)
    public ScoreView score(@PathVariable("id") String id) {
        return ledger(id).map(ScoreView::of).orElseThrow(() -> new UnknownAssessmentException(id));
    }

    private Optional<AssessmentLedger> ledger(String assessmentId) {
        if (scoring.running() == null) {
            throw new ScoresUnavailableException("scoring has not started yet");
        }
        try {
            ReadOnlyKeyValueStore<String, AssessmentLedger> store = scoring.keyValueStore(ScoringTopology.STORE);
            return Optional.ofNullable(store.get(assessmentId));
        } catch (InvalidStateStoreException e) {
            throw new ScoresUnavailableException("the scores are being loaded; try again shortly");
        }
    }
}
