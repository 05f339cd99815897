package org.entente.funnel.web;

import java.util.Map;

/** A request the service will not act on, with a message and the fields at fault. */
public class RequestRejectedException extends RuntimeException {

    private final Map<String, String> fields;

    public RequestRejectedException(String message, Map<String, String> fields) {
        super(message);
        this.fields = Map.copyOf(fields);
    }

    public Map<String, String> fields() {
        return fields;
    }
}
