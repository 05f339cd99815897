package org.entente.survey.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.entente.schemas.AsyncApiDocument;
import org.entente.survey.domain.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the AsyncAPI description of Entente's topics ({@code GET /asyncapi.yaml}) and the Avro schemas it references
 * ({@code GET /avro/<Event>.avsc}), both from the {@code schemas} jar, so the document's relative references
 * ({@code ../avro/<Event>.avsc}) resolve against this service too. Admins only, as the OpenAPI document is: a
 * deployment shows its contract to its operators; everyone else reads the same files in the repository. It is
 * kept out of the OpenAPI document, which describes the JSON API.
 */
@Hidden
@RestController
public class AsyncApiController {

    private static final MediaType YAML = MediaType.parseMediaType(AsyncApiDocument.MEDIA_TYPE);

    @GetMapping("/asyncapi.yaml")
    public ResponseEntity<byte[]> document() {
        return ResponseEntity.ok().contentType(YAML).body(AsyncApiDocument.document());
    }

    @GetMapping("/avro/{fileName}")
    public ResponseEntity<byte[]> avroSchema(@PathVariable String fileName) {
        return AsyncApiDocument.avroSchema(fileName)
                .map(schema -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(schema))
                .orElseThrow(() -> new NotFoundException("no schema named '" + fileName + "'"));
    }
}
