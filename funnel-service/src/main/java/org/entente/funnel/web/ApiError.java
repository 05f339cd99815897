package org.entente.funnel.web;

import java.util.Map;

/** The JSON body of every 4xx/5xx answer of the API. */
public record ApiError(int status, String error, String message, Map<String, String> fields) {
}
