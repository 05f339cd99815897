package org.entente.survey.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.entente.survey.domain.Assessment;
import org.entente.survey.domain.NotFoundException;
import org.entente.survey.domain.StageSnapshot;
import org.entente.survey.stream.SurveyState;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's rounds of the survey in the order they were opened, each with its latest stage once the
 * scoring service has published one: how the relationship moves over time.
 */
@Tag(name = "organizations")
@RestController
public class TrendController {

    /** One round: the stage fields are null until it is scored. */
    public record Round(String assessmentId, String title, Instant opensAt, Instant closedAt, String status,
            int respondents, String stage, Double score, Long revision, Boolean isFinal) {
    }

    public record Trend(String organization, List<Round> rounds) {
    }

    private final SurveyState state;
    private final Clock clock;

    public TrendController(SurveyState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    @ApiResponse(responseCode = "404", description = "No assessment of this organization")
    @Operation(operationId = "getTrend",
            summary = "An organization's assessments in order, with their stages once scored")
    @GetMapping("/api/organizations/{organization}/trend")
    public Trend trend(@PathVariable String organization) {
        state.requireReady();
        List<Assessment> rounds = state.assessments().rounds(organization);
        if (rounds.isEmpty()) {
            throw new NotFoundException("no assessment of the organization '" + organization + "'");
        }
        Instant now = clock.instant();
        return new Trend(organization, rounds.stream().map(a -> {
            StageSnapshot stage = state.stages().latest(a.id()).orElse(null);
            return new Round(a.id(), a.title(), a.opensAt(), a.closedAt(), a.statusAt(now).name(),
                    state.responses().counts(a.id()).total(),
                    stage == null ? null : stage.stage().name(), stage == null ? null : stage.score(),
                    stage == null ? null : stage.revision(), stage == null ? null : stage.isFinal());
        }).toList());
    }
}
