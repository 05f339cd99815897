package org.entente.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/**
 * Reads a service's OpenAPI document ({@code /v3/api-docs}) for the checks every service's test makes: which
 * operation ids it documents at which method and path, and which error responses do not answer with the shared
 * {@code Problem} schema that service-support's customizer puts there. No schema validation: springdoc writes the
 * document, these checks only hold it to our conventions.
 */
public final class OpenApiDocuments {

    /** Where every error response's body schema should point. */
    public static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiDocuments() {
    }

    /** Each documented operation as {@code "GET /api/..."}, with its operation id. */
    public static Map<String, String> operationIds(JsonNode document) {
        Map<String, String> ids = new LinkedHashMap<>();
        forEachOperation(document, (operation, node) -> ids.put(operation, node.path("operationId").asString("")));
        return ids;
    }

    /** Each operation's tags, keyed as {@link #operationIds}. */
    public static Map<String, List<String>> tags(JsonNode document) {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        forEachOperation(document, (operation, node) -> {
            List<String> names = new ArrayList<>();
            node.path("tags").forEach(tag -> names.add(tag.asString()));
            tags.put(operation, names);
        });
        return tags;
    }

    /**
     * Every 4xx and 5xx response as {@code "GET /api/... 404"}, with what is wrong with it: empty when it answers
     * {@code application/problem+json} with {@link #PROBLEM_REF} and nothing else.
     */
    public static Map<String, String> errorResponses(JsonNode document) {
        Map<String, String> found = new LinkedHashMap<>();
        forEachOperation(document, (operation, node) -> node.path("responses").properties().forEach(response -> {
            String code = response.getKey();
            if (code.startsWith("4") || code.startsWith("5")) {
                found.put(operation + " " + code, fault(response.getValue()));
            }
        }));
        return found;
    }

    private static void forEachOperation(JsonNode document, BiConsumer<String, JsonNode> action) {
        document.path("paths").properties().forEach(path -> METHODS.forEach(method -> {
            JsonNode operation = path.getValue().path(method);
            if (!operation.isMissingNode()) {
                action.accept(method.toUpperCase() + " " + path.getKey(), operation);
            }
        }));
    }

    private static String fault(JsonNode response) {
        JsonNode content = response.path("content");
        if (content.size() != 1 || !content.has("application/problem+json")) {
            return "content is " + content.propertyNames();
        }
        String ref = content.path("application/problem+json").path("schema").path("$ref").asString("");
        return ref.equals(PROBLEM_REF) ? "" : "schema is " + ref;
    }
}
