package org.entente.funnel.web;

import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.entente.funnel.stream.FunnelEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the API's failures into {@link ApiError} bodies with a clear message. */
@RestControllerAdvice(assignableTypes = {FunnelApiController.class, FunnelStreamController.class})
public class ApiExceptionHandler {

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ApiError> rejected(RequestRejectedException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), e.fields());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "the body is not a readable funnel event: "
                + e.getMostSpecificCause().getMessage(), Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the funnel event as application/json", Map.of());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, e.getParameterName() + " is required",
                Map.of(e.getParameterName(), "is required"));
    }

    @ExceptionHandler(InvalidStateStoreException.class)
    ResponseEntity<ApiError> notReady(InvalidStateStoreException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "the funnel state is not ready yet: " + e.getMessage(),
                Map.of());
    }

    @ExceptionHandler(FunnelEventPublisher.PublishFailedException.class)
    ResponseEntity<ApiError> publishFailed(FunnelEventPublisher.PublishFailedException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), Map.of());
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message, Map<String, String> fields) {
        return ResponseEntity.status(status)
                .body(new ApiError(status.value(), status.getReasonPhrase(), message, fields));
    }
}
