package org.entente.testing;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The field names in a JSON answer, at every depth: what the access tests look through for personal data. */
public final class JsonFields {

    private JsonFields() {
    }

    /** Every field name in {@code node}, its objects' and its arrays' items' too, in document order. */
    public static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isObject()) {
            for (var entry : node.properties()) {
                names.add(entry.getKey());
                names.addAll(names(entry.getValue()));
            }
        } else if (node.isArray()) {
            node.forEach(item -> names.addAll(names(item)));
        }
        return names;
    }
}
