package org.entente.survey.stream;

/**
 * The broker did not acknowledge a write in time, so nothing can be promised about it: the caller answers 503 and
 * the client retries (retrying is safe, responses are idempotent on their responseId).
 */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
