package org.entente.local;

/** The local stack could not start or stop as asked; the message says why and where to look, for a person. */
public final class LocalStackException extends RuntimeException {

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
