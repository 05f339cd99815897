package org.entente.survey.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request broke a rule; {@code fields} says which field is wrong and why, in field order. Nothing was published. */
public class RejectedException extends RuntimeException {

    private final transient Map<String, String> fields;

    public RejectedException(String message, Map<String, String> fields) {
        super(message);
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A message that names every problem, e.g. "the response was refused: answers must have 20 answers...". */
    public static RejectedException because(String what, Map<String, String> fields) {
        StringBuilder message = new StringBuilder(what).append(": ");
        fields.forEach((field, problem) -> message.append(field).append(' ').append(problem).append("; "));
        return new RejectedException(message.substring(0, message.length() - 2), fields);
    }

    public Map<String, String> fields() {
        return fields;
    }
}
