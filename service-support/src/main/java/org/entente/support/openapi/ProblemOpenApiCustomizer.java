package org.entente.support.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.entente.support.problem.Problems;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;

/**
 * Puts the one error shape of every Entente service into its OpenAPI document: a {@value #SCHEMA} component schema
 * (RFC 9457 problem details as {@link Problems} writes them, with the optional {@code fields} member), and every
 * 4xx and 5xx response of every operation answering {@code application/problem+json} with that schema. It also adds
 * the answers every operation can give whatever its controller says: 401 (credentials missing or refused), 403 (the
 * caller's role does not reach), 500, 503 (the service is starting, its state is moving between instances, or Kafka
 * cannot take a write), and 400 where the operation takes parameters or a body (service-support's error controller
 * refuses an unreadable body or a mistyped parameter, naming the fields). Responses a service declares on an
 * operation ({@code @ApiResponse}: a 404 for an unknown assessment) keep their codes and get the same body;
 * springdoc's own {@code ProblemDetail} schema is dropped. What a service does not declare (a relay's 502, a rate
 * limit's 429) is not guessed here.
 */
public class ProblemOpenApiCustomizer implements OpenApiCustomizer {

    /** The component schema's name. */
    public static final String SCHEMA = "Problem";
    public static final String REF = "#/components/schemas/" + SCHEMA;
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** What every operation of every service may answer, whatever its controller declares. */
    private static final Map<String, String> EVERY_OPERATION = Map.of(
            "401", "Credentials are missing or were refused",
            "403", "The caller's role does not reach this operation",
            "500", "Something failed inside the service; the detail never repeats the exception",
            "503", "Not ready yet (starting, rebalancing) or Kafka cannot take the write; retry");
    private static final String MALFORMED = "The request is malformed; fields names each field at fault";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        Components components = openApi.getComponents();
        components.addSchemas(SCHEMA, problemSchema());
        if (components.getSchemas().containsKey("ProblemDetail")) {
            components.getSchemas().remove("ProblemDetail");
        }
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(this::documentErrors));
    }

    private void documentErrors(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponses responses = operation.getResponses();
        EVERY_OPERATION.forEach((code, description) -> responses.computeIfAbsent(code,
                c -> new ApiResponse().description(description)));
        boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (takesInput) {
            responses.computeIfAbsent("400", c -> new ApiResponse().description(MALFORMED));
        }
        responses.forEach((code, response) -> {
            if (isError(code)) {
                response.setContent(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(
                        new Schema<>().$ref(REF))));
                if (response.getDescription() == null || response.getDescription().isBlank()) {
                    response.setDescription(HttpStatus.valueOf(Integer.parseInt(code)).getReasonPhrase());
                }
            }
        });
    }

    static boolean isError(String code) {
        return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5')
                && code.chars().allMatch(Character::isDigit);
    }

    /** RFC 9457's members as Spring's {@code ProblemDetail} writes them, and Entente's {@code fields}. */
    static Schema<Object> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", typed("string").format("uri")
                .description("A URI naming the kind of problem; about:blank when the status says it all"));
        properties.put("title", typed("string").description("The status's reason phrase"));
        properties.put("status", typed("integer").format("int32").description("The HTTP status code"));
        properties.put("detail", typed("string").description("What went wrong, in words a caller can act on"));
        properties.put("instance", typed("string").format("uri")
                .description("The path asked for; left out when a filter answered (a path may hold a link's token)"));
        properties.put(Problems.FIELDS, typed("object").additionalProperties(typed("string"))
                .description("Each field of the request at fault and what is wrong with it; only when there are some"));
        Schema<Object> problem = typed("object");
        return problem.description("An RFC 9457 problem (application/problem+json), the body of every 4xx and 5xx")
                .properties(properties).required(List.of("type", "title", "status"));
    }

    /** A schema of one type, written so that both OpenAPI 3.0 and 3.1 documents carry the type. */
    private static Schema<Object> typed(String type) {
        Schema<Object> schema = new Schema<>();
        schema.setType(type);
        schema.setTypes(Set.of(type));
        return schema;
    }
}
