package org.entente.scoring.web;

import org.entente.support.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps scoring's failures to problem+json ({@link Problems}): 404 for an unknown assessment, 503 while scores cannot
 * be read. (The owner relay's own failures are answered by the relay, in service-support, in the same shape.)
 */
@RestControllerAdvice
public class ApiErrors {

    @ExceptionHandler(UnknownAssessmentException.class)
    ResponseEntity<ProblemDetail> unknown(UnknownAssessmentException e) {
        return Problems.answer(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ScoresUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ScoresUnavailableException e) {
        return Problems.answer(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
