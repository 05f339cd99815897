package org.entente.survey.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.entente.schemas.AsyncApiDocument;
import org.entente.survey.SurveyServiceTest;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document and the schemas it references are served to admins as they are in the schemas jar, so a
 * client generator pointed at {@code /asyncapi.yaml} finds {@code ../avro/<Event>.avsc} here too; no one else gets
 * them (the access sweep covers every role; this checks the two refusals a reader would try first).
 */
class AsyncApiServedTest extends SurveyServiceTest {

    @Test
    void anAdminGetsTheDocumentAndTheSchemasItReferences() throws Exception {
        Reply document = get("/asyncapi.yaml");
        Reply schema = get("/avro/FunnelEvent.avsc");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.contentType()).startsWith("application/yaml");
        assertThat(document.text()).isEqualTo(new String(AsyncApiDocument.document(), StandardCharsets.UTF_8))
                .startsWith("asyncapi: 3.0.0").contains("$ref: '../avro/FunnelEvent.avsc'");
        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.body().path("name").asString()).isEqualTo("FunnelEvent");
    }

    @Test
    void anUnknownSchemaOrAPathOutsideTheFolderIsNotFound() throws Exception {
        for (String path : new String[] {"/avro/NoSuchEvent.avsc", "/avro/entente.asyncapi.yaml"}) {
            Reply reply = get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.contentType()).as(path).startsWith("application/problem+json");
        }
        // An encoded slash never reaches the controller: the web server refuses it.
        assertThat(get("/avro/..%2Fasyncapi%2Fentente.asyncapi.yaml").status()).isEqualTo(400);
    }

    @Test
    void withoutCredentialsOrAsAViewerTheDocumentIsRefused() throws Exception {
        assertThat(get("/asyncapi.yaml", null).status()).isEqualTo(401);
        assertThat(get("/asyncapi.yaml", "Bearer " + JWTS.token("sam", "sales-viewer")).status())
                .isEqualTo(403);
        assertThat(get("/avro/FunnelEvent.avsc", INTAKE).status()).isEqualTo(403);
    }
}
