package org.entente.funnel.web;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.entente.funnel.stream.FunnelEventPublisher;
import org.entente.support.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;

/**
 * Turns the funnel API's own failures into problem+json ({@link Problems}): 400 for an event that breaks the rules
 * (with {@code fields}) or cannot be read, 503 while the stores cannot be queried or Kafka cannot take the event.
 * Spring MVC's other refusals (a missing parameter, a wrong media type) are answered by service-support's error
 * controller in the same shape.
 */
@RestControllerAdvice(assignableTypes = {FunnelApiController.class, FunnelStreamController.class,
        TargetsApiController.class, DirectoryApiController.class, AdminPagesController.class})
public class ApiExceptionHandler {

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        return Problems.answer(HttpStatus.BAD_REQUEST, e.getMessage(), e.fields());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HandlerMethod handler) {
        String what = handler.getBeanType() == FunnelApiController.class ? "funnel event" : "request body";
        return Problems.answer(HttpStatus.BAD_REQUEST, "the body is not a readable " + what + ": "
                + e.getMostSpecificCause().getMessage());
    }

    @ExceptionHandler(InvalidStateStoreException.class)
    ResponseEntity<ProblemDetail> notReady(InvalidStateStoreException e) {
        return Problems.answer(HttpStatus.SERVICE_UNAVAILABLE, "the funnel state is not ready yet: " + e.getMessage());
    }

    @ExceptionHandler(FunnelEventPublisher.PublishFailedException.class)
    ResponseEntity<ProblemDetail> publishFailed(FunnelEventPublisher.PublishFailedException e) {
        return Problems.answer(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
