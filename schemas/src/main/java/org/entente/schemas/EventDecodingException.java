package org.entente.schemas;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes on a topic that are not a message this topic carries. The {@link Failure} says which rule the bytes broke,
 * so a dead-letter header can name it; the message says it in words a person can act on.
 */
public class EventDecodingException extends SerializationException {

    /** Why a message could not be decoded. */
    public enum Failure {
        /** Fewer bytes than the 10-byte single-object header, or a body cut short. */
        TRUNCATED,
        /** The first two bytes are not the single-object marker {@code C3 01}. */
        NOT_SINGLE_OBJECT,
        /** The writer schema's fingerprint is in no kept version of any schema. */
        UNKNOWN_FINGERPRINT,
        /** A known schema, but not one this topic carries. */
        UNEXPECTED_TYPE,
        /** The body does not decode with the writer schema its fingerprint names. */
        MALFORMED_BODY
    }

    private final Failure failure;

    public EventDecodingException(Failure failure, String message) {
        this(failure, message, null);
    }

    public EventDecodingException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
