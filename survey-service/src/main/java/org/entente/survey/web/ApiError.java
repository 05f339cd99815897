package org.entente.survey.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The JSON body of every refused API request: {@code {"status":400,"error":"Bad Request","message":"...",
 * "fields":{"answers":"must have 20 answers, one per statement, but has 19"}}}; {@code fields} only when a field is
 * at fault.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(int status, String error, String message, Map<String, String> fields) {
}
