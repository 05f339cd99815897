package org.entente.support.problem;

import jakarta.servlet.ServletException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Describes, as a {@link ProblemDetail}, a failure that no service handler answered: Spring MVC's own refusals
 * (an unreadable body, a missing or mistyped parameter, a failed validation, a method or media type not supported,
 * an unknown path) and anything that escaped a controller. Validation failures and parameter problems name the
 * fields at fault. A 5xx never repeats an exception's message, which may hold internals; the log has it.
 */
final class ErrorProblems {

    private ErrorProblems() {
    }

    /**
     * @param status what the response was given (the error dispatch's status code)
     * @param error what was thrown, or {@code null} when the status was set without one
     * @param message the message given with the status, if any
     */
    static ProblemDetail describe(HttpStatus status, Throwable error, String message) {
        Throwable cause = unwrap(error);
        if (status.is5xxServerError() && !(cause instanceof ErrorResponse)) {
            return Problems.of(status, status == HttpStatus.INTERNAL_SERVER_ERROR
                    ? "the service failed to answer this request; its log says why"
                    : blank(message) ? status.getReasonPhrase() : message);
        }
        if (cause instanceof BindingResult binding) {
            return fieldProblem(status, fields(binding));
        }
        if (cause instanceof HandlerMethodValidationException validation) {
            return fieldProblem(status, fields(validation.getParameterValidationResults()));
        }
        if (cause instanceof MethodArgumentTypeMismatchException mismatch) {
            return Problems.of(status, "'" + mismatch.getValue() + "' is not a valid " + mismatch.getName(),
                    Map.of(mismatch.getName(), "is not valid"));
        }
        if (cause instanceof TypeMismatchException mismatch && mismatch.getPropertyName() != null) {
            return Problems.of(status, "'" + mismatch.getValue() + "' is not a valid " + mismatch.getPropertyName(),
                    Map.of(mismatch.getPropertyName(), "is not valid"));
        }
        if (cause instanceof MissingServletRequestParameterException missing) {
            return Problems.of(status, missing.getParameterName() + " is required",
                    Map.of(missing.getParameterName(), "is required"));
        }
        if (cause instanceof HttpMessageNotReadableException unreadable) {
            return Problems.of(status, "the request body is not the JSON this endpoint expects: "
                    + firstLine(unreadable.getMostSpecificCause().getMessage()));
        }
        if (cause instanceof HttpMediaTypeNotSupportedException unsupported
                && unsupported.getSupportedMediaTypes().contains(MediaType.APPLICATION_JSON)) {
            return Problems.of(status, "send the body as application/json");
        }
        if (cause instanceof ErrorResponse response) {
            ProblemDetail body = response.getBody();
            return Problems.of(HttpStatusCode.valueOf(body.getStatus()),
                    blank(body.getDetail()) ? status.getReasonPhrase() : body.getDetail());
        }
        return Problems.of(status, blank(message) ? status.getReasonPhrase() : message);
    }

    private static ProblemDetail fieldProblem(HttpStatus status, Map<String, String> fields) {
        StringBuilder detail = new StringBuilder("the request was refused");
        String separator = ": ";
        for (Map.Entry<String, String> field : fields.entrySet()) {
            detail.append(separator).append(field.getKey()).append(' ').append(field.getValue());
            separator = "; ";
        }
        return Problems.of(status, detail.toString(), fields);
    }

    private static Map<String, String> fields(BindingResult binding) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldError error : binding.getFieldErrors()) {
            fields.merge(error.getField(), String.valueOf(error.getDefaultMessage()), (a, b) -> a + "; " + b);
        }
        binding.getGlobalErrors().forEach(error -> fields.merge(error.getObjectName(),
                String.valueOf(error.getDefaultMessage()), (a, b) -> a + "; " + b));
        return fields;
    }

    private static Map<String, String> fields(List<ParameterValidationResult> results) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (ParameterValidationResult result : results) {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> fields.merge(name == null ? "request" : name,
                    String.valueOf(error.getDefaultMessage()), (a, b) -> a + "; " + b));
        }
        return fields;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof ServletException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "it could not be read";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
