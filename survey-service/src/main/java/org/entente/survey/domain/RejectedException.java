package org.entente.survey.domain;

import java.util.Map;

/** A request broke a rule; {@code fields} says which field is wrong and why. Nothing was published. */
public class RejectedException extends RuntimeException {

    private final transient Map<String, String> fields;

    public RejectedException(String message, Map<String, String> fields) {
        super(message);
        this.fields = Map.copyOf(fields);
    }

    public Map<String, String> fields() {
        return fields;
    }
}
