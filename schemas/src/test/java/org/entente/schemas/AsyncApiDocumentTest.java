package org.entente.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The AsyncAPI document against the code: a channel for every topic of {@link Topics} and for its dead-letter topic,
 * no channel for a topic that does not exist, every payload reference naming an {@code .avsc} file that exists (in
 * the repository and in the jar) and parses, a message for every event of {@link SchemaHistory#EVENTS}, and the
 * dead-letter headers of {@link DeadLetters}. Whether the document follows the AsyncAPI specification is the
 * AsyncAPI CLI's job ({@code schemas/asyncapi-validate/validate.sh}).
 */
class AsyncApiDocumentTest {

    /** Where the document lives in the repository; its references are relative to this folder. */
    private static final Path DOCUMENT_FOLDER = Path.of("src/main/asyncapi");

    @Test
    void everyTopicAndItsDeadLetterTopicHasAChannelAndNoOtherTopicIsNamed() {
        Map<String, Object> document = load(AsyncApiDocument.document());

        Set<String> expected = new TreeSet<>();
        Topics.ALL.forEach(topic -> expected.addAll(List.of(topic.name(), topic.dlq())));
        assertThat(new TreeSet<>(addresses(document))).isEqualTo(expected);
        assertThat(problems(document, AsyncApiDocumentTest::repositoryFile)).isEmpty();
    }

    @Test
    void everyReferencedSchemaExistsInTheRepositoryAndTheJarAndIsTheEventItsMessageNames() throws IOException {
        Map<String, Object> document = load(AsyncApiDocument.document());
        Map<String, String> refs = payloadRefs(document);
        assertThat(refs).hasSize(SchemaHistory.EVENTS.size());

        Schema.Parser parser = new Schema.Parser();
        parser.parse(repositoryFile("../avro/Stage.avsc").orElseThrow()); // the named enum two events use
        for (var ref : refs.entrySet()) {
            String fileName = Path.of(ref.getValue()).getFileName().toString();
            String text = repositoryFile(ref.getValue()).orElseThrow(() -> new AssertionError(ref + " is missing"));
            assertThat(AsyncApiDocument.avroSchema(fileName)).as("the jar's copy of " + fileName)
                    .hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(text));
            Schema schema = parser.parse(text);
            assertThat(schema.getFullName()).as(ref.getKey()).isEqualTo("org.entente.events." + ref.getKey());
        }
    }

    @Test
    void everyEventThatTravelsOnATopicHasAMessageWithItsNewestSchema() {
        Map<String, String> refs = payloadRefs(load(AsyncApiDocument.document()));

        for (var event : SchemaHistory.EVENTS) {
            Schema newest = SpecificData.get().getSchema(event);
            assertThat(refs).as(newest.getName()).containsEntry(newest.getName(), "../avro/" + newest.getName() + ".avsc");
        }
    }

    @Test
    void theDeadLetterMessageDocumentsEveryHeaderTheServicesWrite() throws IllegalAccessException {
        Map<String, Object> headers = map(map(map(map(load(AsyncApiDocument.document()), "components"), "messages"),
                "DeadLetter"), "headers");

        Set<String> written = new TreeSet<>();
        for (Field field : DeadLetters.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && ((String) field.get(null)).startsWith("entente.dlq.")) {
                written.add((String) field.get(null));
            }
        }
        assertThat(written).hasSize(6);
        assertThat(map(headers, "properties").keySet()).containsExactlyInAnyOrderElementsOf(written);
        assertThat(list(headers, "required")).containsExactlyInAnyOrderElementsOf(written);
        for (var topic : Topics.ALL) {
            assertThat(channelMessageRefs(load(AsyncApiDocument.document()), topic.dlq()))
                    .containsExactly("#/components/messages/DeadLetter");
        }
    }

    @Test
    void theCheckFailsForAMissingTopicAnUnknownOneAndAMissingSchemaFile() {
        Map<String, Object> document = load(AsyncApiDocument.document());
        Map<String, Object> channels = map(document, "channels");
        channels.remove("funnelAlertsDlq");
        channels.put("stray", new LinkedHashMap<>(Map.of("address", "entente.nothing.v1")));
        Map<String, Object> schema = map(map(map(map(map(document, "components"), "messages"), "FunnelMetrics"),
                "payload"), "schema");
        schema.put("$ref", "../avro/NoSuchEvent.avsc");

        assertThat(problems(document, AsyncApiDocumentTest::repositoryFile)).containsExactlyInAnyOrder(
                "no channel for entente.funnel.alerts.v1.dlq",
                "channel stray names entente.nothing.v1, which is no topic of Topics",
                "FunnelMetrics refers to ../avro/NoSuchEvent.avsc, which does not exist");
    }

    /** What is wrong with the document: a topic without a channel, a channel for no topic, a missing schema file. */
    private static List<String> problems(Map<String, Object> document, Function<String, Optional<String>> files) {
        List<String> problems = new ArrayList<>();
        Set<String> topics = new LinkedHashSet<>();
        Topics.ALL.forEach(topic -> topics.addAll(List.of(topic.name(), topic.dlq())));
        Set<String> addresses = new LinkedHashSet<>(addresses(document));
        topics.stream().filter(topic -> !addresses.contains(topic))
                .forEach(topic -> problems.add("no channel for " + topic));
        map(document, "channels").forEach((id, channel) -> {
            Object address = ((Map<?, ?>) channel).get("address");
            if (!topics.contains(address)) {
                problems.add("channel " + id + " names " + address + ", which is no topic of Topics");
            }
        });
        payloadRefs(document).forEach((message, ref) -> {
            if (files.apply(ref).isEmpty()) {
                problems.add(message + " refers to " + ref + ", which does not exist");
            }
        });
        return problems;
    }

    private static List<String> addresses(Map<String, Object> document) {
        return map(document, "channels").values().stream().map(c -> (String) ((Map<?, ?>) c).get("address")).toList();
    }

    /** Each component message with an Avro payload: its name and the file its schema refers to. */
    private static Map<String, String> payloadRefs(Map<String, Object> document) {
        Map<String, String> refs = new LinkedHashMap<>();
        map(map(document, "components"), "messages").forEach((name, message) -> {
            Map<String, Object> payload = map(message, "payload");
            if (payload.containsKey("schemaFormat")) {
                assertThat(payload.get("schemaFormat")).isEqualTo("application/vnd.apache.avro;version=1.9.0");
                refs.put(name, (String) map(payload, "schema").get("$ref"));
            }
        });
        return refs;
    }

    /** The message references of the channel for {@code address}. */
    private static List<String> channelMessageRefs(Map<String, Object> document, String address) {
        return map(document, "channels").values().stream()
                .filter(channel -> address.equals(((Map<?, ?>) channel).get("address")))
                .flatMap(channel -> map(channel, "messages").values().stream())
                .map(message -> (String) ((Map<?, ?>) message).get("$ref"))
                .toList();
    }

    private static Optional<String> repositoryFile(String ref) {
        Path file = DOCUMENT_FOLDER.resolve(ref).normalize();
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> load(byte[] yaml) {
        return new Yaml().load(new String(yaml, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object parent, String key) {
        Object value = ((Map<String, Object>) parent).get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> parent, String key) {
        return (List<String>) parent.get(key);
    }
}
