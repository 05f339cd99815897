package org.entente.scoring.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps failures to {@link ApiError} bodies: 404 for an unknown assessment, 503 while scores cannot be read. (The
 * owner relay's own failures are answered by the relay, in service-support.)
 */
@RestControllerAdvice
public class ApiErrors {

    @ExceptionHandler(UnknownAssessmentException.class)
    ResponseEntity<ApiError> unknown(UnknownAssessmentException e) {
        return body(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ScoresUnavailableException.class)
    ResponseEntity<ApiError> unavailable(ScoresUnavailableException e) {
        return body(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    private static ResponseEntity<ApiError> body(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(), message, null));
    }
}
