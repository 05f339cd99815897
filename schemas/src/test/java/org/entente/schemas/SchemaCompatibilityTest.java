package org.entente.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails the build when a contract changes in a way its consumers cannot follow. Every kept version must be readable
 * by the current schema (backward) and able to read what the current schema writes (forward), and the current schema
 * must itself be kept, so its fingerprint resolves for every consumer.
 */
class SchemaCompatibilityTest {

    static Stream<Class<? extends SpecificRecord>> events() {
        return SchemaHistory.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("events")
    void theCurrentSchemaIsTheNewestKeptVersion(Class<? extends SpecificRecord> event) {
        List<Schema> kept = SchemaHistory.kept().versions(event);
        Schema current = SpecificData.get().getSchema(event);
        assertThat(kept).as("history of %s", event.getSimpleName()).isNotEmpty();
        assertThat(SchemaHistory.fingerprint(kept.get(kept.size() - 1)))
                .as("%s changed: copy its full schema to history/%s/v%d.avsc", event.getSimpleName(),
                        event.getSimpleName(), kept.size() + 1)
                .isEqualTo(SchemaHistory.fingerprint(current));
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyKeptVersionAndTheCurrentSchemaReadEachOther(Class<? extends SpecificRecord> event) {
        Schema current = SpecificData.get().getSchema(event);
        for (Schema old : SchemaHistory.kept().versions(event)) {
            assertCompatible(current, old, "current " + event.getSimpleName() + " reading a kept version");
            assertCompatible(old, current, "a kept " + event.getSimpleName() + " reading the current version");
        }
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyFieldAddedAfterTheFirstVersionHasADefault(Class<? extends SpecificRecord> event) {
        Schema first = SchemaHistory.kept().versions(event).get(0);
        for (Schema.Field field : SpecificData.get().getSchema(event).getFields()) {
            if (first.getField(field.name()) == null) {
                assertThat(field.hasDefaultValue()).as("%s.%s needs a default", event.getSimpleName(), field.name())
                        .isTrue();
            }
        }
    }

    private static void assertCompatible(Schema reader, Schema writer, String what) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        assertThat(result.getType()).as("%s: %s", what, result.getDescription())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
}
