package org.entente.advice.web;

import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the web layer's failures into {@link ErrorBody} answers for the JSON API. */
@RestControllerAdvice(assignableTypes = {AdviceController.class, AcrossInstancesController.class})
public class ErrorHandling {

    @ExceptionHandler(UnknownAssessmentException.class)
    ResponseEntity<ErrorBody> unknown(UnknownAssessmentException e) {
        return body(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(InvalidStateStoreException.class)
    ResponseEntity<ErrorBody> notReady(InvalidStateStoreException e) {
        return body(HttpStatus.SERVICE_UNAVAILABLE, "advice is not queryable yet (" + e.getMessage() + "); retry shortly");
    }

    private static ResponseEntity<ErrorBody> body(HttpStatus status, String message) {
        return ResponseEntity.status(status)
                .body(new ErrorBody(status.value(), status.getReasonPhrase(), message, Map.of()));
    }
}
