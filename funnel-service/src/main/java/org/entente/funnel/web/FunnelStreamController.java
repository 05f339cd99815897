package org.entente.funnel.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.Map;
import org.entente.events.Team;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/funnel/stream}: Server-Sent Events of everything happening in the funnel, as it reaches Kafka.
 * Event names: {@code funnel-event}, {@code alert}, {@code metrics}; a {@code ready} event opens the stream.
 * {@code organization} limits the stream to one organization; {@code team} (MARKETING or SALES) limits funnel events
 * to those that team published, while alerts and metrics concern both teams and always come through.
 */
@Tag(name = "funnel-stream")
@RestController
public class FunnelStreamController {

    private final LiveStreams streams;

    public FunnelStreamController(LiveStreams streams) {
        this.streams = streams;
    }

    @Operation(operationId = "streamFunnel", summary = "Server-Sent Events of funnel events, alerts and metrics")
    @GetMapping(path = "/api/funnel/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@RequestParam(required = false) String organization,
            @RequestParam(required = false) String team) throws IOException {
        return streams.open(organization, parseTeam(team));
    }

    private static Team parseTeam(String team) {
        if (team == null || team.isBlank()) {
            return null;
        }
        try {
            return Team.valueOf(team.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new RequestRejectedException("unknown team '" + team + "'; expected MARKETING or SALES",
                    Map.of("team", "must be MARKETING or SALES"));
        }
    }
}
