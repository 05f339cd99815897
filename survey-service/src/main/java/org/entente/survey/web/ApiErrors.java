package org.entente.survey.web;

import org.entente.support.problem.Problems;
import org.entente.survey.domain.ConflictException;
import org.entente.survey.domain.NotFoundException;
import org.entente.survey.domain.RejectedException;
import org.entente.survey.stream.KafkaUnavailableException;
import org.entente.survey.stream.StateNotReadyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the survey's own refusals in an API call into problem+json ({@link Problems}): 400 for a broken rule (with
 * {@code fields}), 404 for an unknown assessment, 409 for a clash, 503 while Kafka cannot take writes or the state
 * is still being read. Applies to the JSON API only; the respondent pages show their own error pages. Spring MVC's
 * own refusals (an unreadable body, a mistyped parameter, a wrong media type) are answered by service-support's
 * error controller in the same shape.
 */
@RestControllerAdvice(annotations = RestController.class)
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(RejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RejectedException e) {
        return Problems.answer(HttpStatus.BAD_REQUEST, e.getMessage(), e.fields());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return Problems.answer(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        return Problems.answer(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(KafkaUnavailableException.class)
    ResponseEntity<ProblemDetail> kafkaUnavailable(KafkaUnavailableException e) {
        log.warn("answering 503: {}", e.getMessage());
        return Problems.answer(HttpStatus.SERVICE_UNAVAILABLE, "Kafka is not available, so nothing was accepted; "
                + "please retry (retrying with the same responseId is safe)");
    }

    @ExceptionHandler(StateNotReadyException.class)
    ResponseEntity<ProblemDetail> notReady(StateNotReadyException e) {
        return Problems.answer(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
