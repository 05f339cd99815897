package org.entente.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the AsyncAPI 3 description of the topics ({@code schemas/src/main/asyncapi/entente.asyncapi.yaml}) and the
 * Avro schemas it references ({@code schemas/src/main/avro/*.avsc}) are on the class path. The build copies both
 * folders side by side under {@code org/entente/schemas/}, so the document's references ({@code ../avro/X.avsc})
 * resolve in the jar as they do in the repository, and over HTTP when a service serves the two at {@code /asyncapi.yaml}
 * and {@code /avro/X.avsc}. {@code AsyncApiDocumentTest} checks the document against {@link Topics}; the AsyncAPI
 * CLI checks it against the specification ({@code schemas/asyncapi-validate}). Nothing here parses the document.
 */
public final class AsyncApiDocument {

    /** The document's class-path location. */
    public static final String RESOURCE = "org/entente/schemas/asyncapi/entente.asyncapi.yaml";
    /** The folder of the referenced Avro schemas, a sibling of the document's. */
    public static final String AVRO_FOLDER = "org/entente/schemas/avro/";
    public static final String MEDIA_TYPE = "application/yaml";

    private static final Pattern AVSC_FILE = Pattern.compile("[A-Za-z][A-Za-z0-9]*\\.avsc");

    private AsyncApiDocument() {
    }

    /** The document's bytes. */
    public static byte[] document() {
        return read(RESOURCE).orElseThrow(() -> new IllegalStateException(RESOURCE + " is missing from the class path"));
    }

    /** One referenced schema by file name ({@code FunnelEvent.avsc}); empty for any other name. */
    public static Optional<byte[]> avroSchema(String fileName) {
        return fileName != null && AVSC_FILE.matcher(fileName).matches() ? read(AVRO_FOLDER + fileName)
                : Optional.empty();
    }

    private static Optional<byte[]> read(String resource) {
        try (InputStream in = AsyncApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
