package org.entente.survey.domain;

/** The assessment (or other thing) a request names does not exist. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
