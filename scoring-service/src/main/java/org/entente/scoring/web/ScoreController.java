package org.entente.scoring.web;

import jakarta.servlet.http.HttpServletRequest;
import org.entente.security.RelayCredentials;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves an assessment's latest score, or what it is waiting for, from the scoring state store. Only aggregates: the
 * view carries no respondent's or response's identity. Who may ask is decided before the request gets here.
 */
@RestController
public class ScoreController {

    private final ScoreQueryService scores;
    private final RelayCredentials relayCredentials;

    public ScoreController(ScoreQueryService scores, RelayCredentials relayCredentials) {
        this.scores = scores;
        this.relayCredentials = relayCredentials;
    }

    @GetMapping(path = "/api/assessments/{id}/score", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> score(@PathVariable("id") String id,
            @RequestHeader(name = ScoreQueryService.FORWARDED_HEADER, required = false) String forwarded,
            HttpServletRequest request) {
        ScoreQueryService.Answer answer = scores.score(id, forwarded != null,
                relayCredentials.authorization(request));
        if (answer instanceof ScoreQueryService.Answer.Forwarded remote) {
            return ResponseEntity.status(remote.status()).contentType(MediaType.APPLICATION_JSON).body(remote.body());
        }
        return ((ScoreQueryService.Answer.Local) answer).view()
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseThrow(() -> new UnknownAssessmentException(id));
    }
}
