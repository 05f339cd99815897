package org.entente.advice.web;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.entente.support.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the JSON API's failures into problem+json ({@link Problems}): 404 for an assessment with no advice, 503
 * while the stores cannot be queried. The report page shows its own pages.
 */
@RestControllerAdvice(assignableTypes = {AdviceController.class, AcrossInstancesController.class})
public class ErrorHandling {

    @ExceptionHandler(UnknownAssessmentException.class)
    ResponseEntity<ProblemDetail> unknown(UnknownAssessmentException e) {
        return Problems.answer(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(InvalidStateStoreException.class)
    ResponseEntity<ProblemDetail> notReady(InvalidStateStoreException e) {
        return Problems.answer(HttpStatus.SERVICE_UNAVAILABLE,
                "advice is not queryable yet (" + e.getMessage() + "); retry shortly");
    }
}
