package org.entente.scoring.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.entente.internal.scoring.PublicationMark;
import org.entente.internal.scoring.ScoringRespondent;
import org.entente.internal.scoring.StoredFunction;
import org.entente.schemas.EventDecodingException;
import org.entente.schemas.EventDecodingException.Failure;
import org.entente.schemas.EventSerde;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.AssessmentTerms;
import org.entente.scoring.domain.BusinessFunction;
import org.entente.scoring.domain.KeptRespondents;
import org.entente.scoring.domain.RespondentEntry;
import org.entente.scoring.domain.Role;
import org.entente.scoring.domain.Submission;
import org.junit.jupiter.api.Test;

/**
 * The stores' Avro records: what is written reads back the same, the hand-written layouts write exactly the bytes
 * Avro writes for the generated records, functions and roles are kept by name, and a stored value the domain cannot
 * take (or bytes cut short or running on) is refused rather than scored on.
 */
class StoredStateTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    private static AssessmentLedger ledgerWithDifferences() {
        AssessmentLedger ledger = AssessmentLedger.open(new AssessmentTerms("a-9", 20, 2, true, AT.plusSeconds(60)));
        KeptRespondents respondents = new KeptRespondents();
        for (String who : List.of("s1", "s2", "m1", "m2")) {
            BusinessFunction function = who.startsWith("s") ? BusinessFunction.SALES : BusinessFunction.MARKETING;
            ledger.submit(new Submission("r-" + who, who, function, Role.HEAD, Collections.nCopies(20, 3), AT),
                    respondents);
        }
        ledger.publishChanges().orElseThrow();
        ledger.submit(new Submission("r-s3", "s3", BusinessFunction.SALES, Role.STAFF, Collections.nCopies(20, 5),
                AT), respondents);
        return ledger;
    }

    /** A respondent who answered for sales, then for marketing: two responseIds, marks for both functions. */
    private static RespondentEntry respondentWhoMoved() {
        AssessmentLedger ledger = AssessmentLedger.open(new AssessmentTerms("a-1", 20, 3, null));
        KeptRespondents respondents = new KeptRespondents();
        ledger.submit(new Submission("r-0", "sälj-1", BusinessFunction.SALES, Role.STAFF,
                Collections.nCopies(20, 2), AT), respondents);
        ledger.submit(new Submission("r-1", "sälj-1", BusinessFunction.MARKETING, Role.HEAD,
                Collections.nCopies(20, 5), AT.plusSeconds(1)), respondents);
        return respondents.get("sälj-1");
    }

    @Test
    void aLedgerWithDifferencesAndANamedAssessmentReadsBackTheSame() {
        AssessmentLedger ledger = ledgerWithDifferences();
        var serde = StoredState.ledgers();
        byte[] bytes = serde.serializer().serialize("t", ledger);
        AssessmentLedger copy = serde.deserializer().deserialize("t", bytes);
        assertThat(bytes[0]).as("single-object encoding, like the events").isEqualTo(EventSerde.MARKER_0);
        assertThat(copy.terms()).isEqualTo(ledger.terms());
        assertThat(copy.terms().anonymityThreshold()).isEqualTo(2);
        assertThat(copy.isClosed()).isEqualTo(ledger.isClosed());
        assertThat(copy.revision()).isEqualTo(ledger.revision());
        assertThat(copy.counted()).isEqualTo(ledger.counted());
        assertThat(copy.published()).isEqualTo(ledger.published());
        assertThat(copy.classification().orElseThrow().heads()).as("named: heads shown").isNotNull();
        for (BusinessFunction function : BusinessFunction.values()) {
            assertThat(copy.differences().changed(function)).isEqualTo(ledger.differences().changed(function));
            assertThat(copy.differences().generation(function)).isEqualTo(ledger.differences().generation(function));
        }
        assertThat(copy.heldBack()).isEqualTo(1);
    }

    @Test
    void theStoresWriteTheBytesAvroWritesForTheRecordsAndReadThemBack() {
        AssessmentLedger ledger = ledgerWithDifferences();
        AssessmentLedger unpublished = AssessmentLedger.open(new AssessmentTerms("a-1", 20, 3, null));
        for (AssessmentLedger one : List.of(ledger, unpublished)) {
            byte[] bytes = StoredState.ledgers().serializer().serialize("t", one);
            assertThat(bytes).isEqualTo(StoredState.ledgersByAvro().serializer().serialize("t", one));
            assertThat(StoredState.ledgersByAvro().deserializer().deserialize("t", bytes).counted())
                    .isEqualTo(one.counted());
            assertThat(StoredState.ledgers().deserializer().deserialize("t", bytes).published())
                    .isEqualTo(one.published());
        }
        RespondentEntry entry = respondentWhoMoved();
        byte[] bytes = StoredState.respondents().serializer().serialize("t", entry);
        assertThat(bytes).isEqualTo(StoredState.respondentsByAvro().serializer().serialize("t", entry));
        assertThat(StoredState.respondentsByAvro().deserializer().deserialize("t", bytes)).isEqualTo(entry);
    }

    @Test
    void aHandWrittenLayoutRefusesASchemaItWasNotWrittenFor() {
        assertThatThrownBy(() -> new StoredRecordSerde<>(ScoringRespondent.getClassSchema(),
                StoredLayouts.LEDGER_WRITTEN_FOR, StoredLayouts.LEDGER, StoredState.ledgersByAvro().deserializer()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("update its layout");
    }

    @Test
    void storedBytesThatAreCutShortOrRunOnAreRefusedWithTheirFailure() {
        byte[] bytes = StoredState.ledgers().serializer().serialize("t", ledgerWithDifferences());
        var ledgers = StoredState.ledgers().deserializer();
        assertThatThrownBy(() -> ledgers.deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.TRUNCATED));
        assertThatThrownBy(() -> ledgers.deserialize("t", Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.MALFORMED_BODY));
        byte[] unknown = bytes.clone();
        unknown[9] ^= 1;
        assertThatThrownBy(() -> ledgers.deserialize("t", unknown)).as("another version goes to Avro's reader")
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.UNKNOWN_FINGERPRINT));
    }

    @Test
    void aLedgerBeforeItsFirstRevisionReadsBackWithoutPublishedSums() {
        AssessmentLedger ledger = AssessmentLedger.open(new AssessmentTerms("a-1", 20, 3, null));
        var serde = StoredState.ledgers();
        AssessmentLedger copy = serde.deserializer().deserialize("t", serde.serializer().serialize("t", ledger));
        assertThat(copy.published()).isNull();
        assertThat(copy.terms()).isEqualTo(ledger.terms());
    }

    @Test
    void aRespondentReadsBackTheSame() {
        RespondentEntry entry = respondentWhoMoved();
        var serde = StoredState.respondents();
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", entry))).isEqualTo(entry);
    }

    @Test
    void functionsAndRolesAreKeptByName() {
        ScoringRespondent stored = StoredState.stored(RespondentEntry.first(new Submission("r-1", "m1",
                BusinessFunction.MARKETING, Role.HEAD, Collections.nCopies(20, 4), AT),
                List.of(new RespondentEntry.Mark(0, false), new RespondentEntry.Mark(0, false))));
        Schema function = stored.getCounted().getSchema().getField("function").schema();
        assertThat(function.getType()).isEqualTo(Schema.Type.ENUM);
        assertThat(function.getEnumSymbols()).contains("SALES", "MARKETING");
        assertThat(stored.getCounted().getFunction().name()).isEqualTo("MARKETING");
        assertThat(stored.getCounted().getRole().name()).isEqualTo("HEAD");
        assertThat(stored.getMarks()).extracting(PublicationMark::getFunction)
                .containsExactly(StoredFunction.SALES, StoredFunction.MARKETING);
    }

    @Test
    void aRespondentWithoutAMarkForEachFunctionIsRefused() {
        ScoringRespondent stored = StoredState.stored(RespondentEntry.first(new Submission("r-1", "s1",
                BusinessFunction.SALES, Role.STAFF, Collections.nCopies(20, 4), AT),
                List.of(new RespondentEntry.Mark(0, false), new RespondentEntry.Mark(0, false))));
        stored.setMarks(List.of(stored.getMarks().get(0)));
        byte[] bytes = EventSerde.of(ScoringRespondent.class).serialize("t", stored);
        assertThatThrownBy(() -> StoredState.respondents().deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class);
    }
}
