package org.entente.survey.web;

import java.util.Map;
import org.entente.survey.domain.ConflictException;
import org.entente.survey.domain.NotFoundException;
import org.entente.survey.domain.RejectedException;
import org.entente.survey.stream.KafkaUnavailableException;
import org.entente.survey.stream.StateNotReadyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns what went wrong in an API call into an {@link ApiError} with the right status: 400 for a broken rule (with
 * field messages), 404 for an unknown assessment, 409 for a clash, 503 while Kafka cannot take writes or the state
 * is still being read. Applies to the JSON API only; the respondent pages show their own error pages.
 */
@RestControllerAdvice(annotations = RestController.class)
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(RejectedException.class)
    ResponseEntity<ApiError> rejected(RejectedException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), e.fields());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage(), Map.of());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ApiError> conflict(ConflictException e) {
        return error(HttpStatus.CONFLICT, e.getMessage(), Map.of());
    }

    @ExceptionHandler(KafkaUnavailableException.class)
    ResponseEntity<ApiError> kafkaUnavailable(KafkaUnavailableException e) {
        log.warn("answering 503: {}", e.getMessage());
        return error(HttpStatus.SERVICE_UNAVAILABLE, "Kafka is not available, so nothing was accepted; "
                + "please retry (retrying with the same responseId is safe)", Map.of());
    }

    @ExceptionHandler(StateNotReadyException.class)
    ResponseEntity<ApiError> notReady(StateNotReadyException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), Map.of());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        String detail = e.getMostSpecificCause().getMessage();
        if (detail != null && detail.contains("\n")) {
            detail = detail.substring(0, detail.indexOf('\n'));
        }
        return error(HttpStatus.BAD_REQUEST, "the request body is not the JSON this endpoint expects: " + detail,
                Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json", Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, "'" + e.getValue() + "' is not a valid " + e.getName(),
                Map.of(e.getName(), "is not valid"));
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message, Map<String, String> fields) {
        return ResponseEntity.status(status)
                .body(new ApiError(status.value(), status.getReasonPhrase(), message, fields));
    }
}
