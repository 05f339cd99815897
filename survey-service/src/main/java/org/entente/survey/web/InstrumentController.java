package org.entente.survey.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.entente.survey.domain.Instrument;
import org.entente.survey.domain.NotFoundException;
import org.entente.survey.domain.Statement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The survey's statements and scale, current or by version. */
@Tag(name = "instrument")
@RestController
@RequestMapping("/api/instrument")
public class InstrumentController {

    /** An instrument version as JSON: answers[i] rates statements[i]. */
    public record InstrumentView(String instrumentVersion, int statementCount, Map<Integer, String> scale,
            List<Statement> statements) {

        static InstrumentView of(Instrument instrument) {
            return new InstrumentView(instrument.version(), instrument.statementCount(),
                    new TreeMap<>(instrument.scale()), instrument.statements());
        }
    }

    @Operation(operationId = "getInstrument", summary = "The instrument new assessments use")
    @GetMapping
    public InstrumentView current() {
        return InstrumentView.of(Instrument.current());
    }

    @ApiResponse(responseCode = "404", description = "No instrument has this version")
    @Operation(operationId = "getInstrumentVersion", summary = "One version of the instrument")
    @GetMapping("/{version}")
    public InstrumentView version(@PathVariable String version) {
        return InstrumentView.of(Instrument.version(version)
                .orElseThrow(() -> new NotFoundException("no instrument has version '" + version + "'")));
    }
}
