package org.entente.scoring.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps failures to {@link ApiError} bodies: 404 for an unknown assessment, 503 while scores cannot be read, 502 when
 * the instance holding an assessment cannot be asked with the credentials this one has.
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

    @ExceptionHandler(RelayRefusedException.class)
    ResponseEntity<ApiError> relayRefused(RelayRefusedException e) {
        return body(HttpStatus.BAD_GATEWAY, e.getMessage());
    }

    private static ResponseEntity<ApiError> body(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(), message, null));
    }
}
