package org.entente.scoring.web;

import org.entente.support.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps scoring's failures to problem+json ({@link Problems}): 404 for an unknown assessment, 503 while scores cannot
 * be read, 502 when the instance holding an assessment cannot be asked with the credentials this one has.
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

    @ExceptionHandler(RelayRefusedException.class)
    ResponseEntity<ProblemDetail> relayRefused(RelayRefusedException e) {
        return Problems.answer(HttpStatus.BAD_GATEWAY, e.getMessage());
    }
}
