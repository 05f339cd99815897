package org.entente.advice.web;

import java.util.Map;

/** The JSON body of every error answer: {@code {"status":404,"error":"Not Found","message":"...","fields":{}}}. */
public record ErrorBody(int status, String error, String message, Map<String, String> fields) {
}
