package org.entente.survey.domain;

/** The request clashes with what exists, such as opening an assessment under an id already taken. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
