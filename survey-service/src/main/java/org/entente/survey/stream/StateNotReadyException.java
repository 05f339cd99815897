package org.entente.survey.stream;

/** The service is still reading its state back from Kafka after a start and cannot yet answer reliably. */
public class StateNotReadyException extends RuntimeException {

    public StateNotReadyException() {
        super("survey-service is still reading its state from Kafka; try again in a moment");
    }
}
