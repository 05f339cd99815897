package org.entente.scoring.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.AssessmentTerms;
import org.entente.scoring.domain.BusinessFunction;
import org.entente.scoring.domain.KeptRespondents;
import org.entente.scoring.domain.RespondentEntry;
import org.entente.scoring.domain.Role;
import org.entente.scoring.domain.Submission;
import org.entente.scoring.domain.Tallies;
import org.junit.jupiter.api.Test;

/** The stores' layouts: what is written reads back the same, and ledgers written in the first layout still read. */
class LedgerSerdeTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aLedgerOfTheFirstLayoutReadsAsSumsWithItsRespondentsCarriedOver() throws IOException {
        Submission s1 = new Submission("r-1", "s1", BusinessFunction.SALES, Role.HEAD,
                Collections.nCopies(20, 4), AT);
        Submission m1 = new Submission("r-2", "m1", BusinessFunction.MARKETING, Role.STAFF,
                Collections.nCopies(20, 2), AT.plusSeconds(5));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF("a-1");
            out.writeInt(20);
            out.writeInt(1);
            out.writeLong(Long.MIN_VALUE);
            out.writeBoolean(false);
            out.writeLong(1);
            out.writeBoolean(false);
            out.writeInt(3);
            for (String id : List.of("r-0", "r-1", "r-2")) {
                out.writeUTF(id);
            }
            out.writeInt(2);
            for (Submission s : List.of(s1, m1)) {
                out.writeUTF(s.responseId());
                out.writeUTF(s.respondentId());
                out.writeByte(s.function().ordinal());
                out.writeByte(s.role().ordinal());
                out.writeLong(s.submittedAt().toEpochMilli());
                out.writeInt(20);
                for (int answer : s.answers()) {
                    out.writeByte(answer);
                }
            }
        }
        AssessmentLedger ledger = new LedgerSerde().deserialize("t", bytes.toByteArray());
        assertThat(ledger.terms().assessmentId()).isEqualTo("a-1");
        assertThat(ledger.revision()).isEqualTo(1);
        assertThat(ledger.counted()).isEqualTo(Tallies.of(20, List.of(s1, m1)));
        assertThat(ledger.terms().anonymityThreshold()).as("not named, so held to 3").isEqualTo(3);
        assertThat(ledger.classification()).as("one per function is too few to show now").isEmpty();
        assertThat(ledger.published()).as("revision 1 was published with both").isEqualTo(ledger.counted());
        assertThat(ledger.hasUnpublishedChanges()).isFalse();
        assertThat(ledger.takeCarriedOver()).containsExactly(RespondentEntry.first(s1), RespondentEntry.first(m1));
        assertThat(ledger.takeCarriedOver()).as("handed over once").isEmpty();
    }

    @Test
    void aLedgerWithDifferencesAndANamedAssessmentReadsBackTheSame() {
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
        LedgerSerde serde = new LedgerSerde();
        AssessmentLedger copy = serde.deserialize("t", serde.serialize("t", ledger));
        assertThat(copy.terms()).isEqualTo(ledger.terms());
        assertThat(copy.terms().anonymityThreshold()).isEqualTo(2);
        assertThat(copy.counted()).isEqualTo(ledger.counted());
        assertThat(copy.published()).isEqualTo(ledger.published());
        assertThat(copy.classification().orElseThrow().heads()).as("named: heads shown").isNotNull();
        for (BusinessFunction function : BusinessFunction.values()) {
            assertThat(copy.differences().changed(function)).isEqualTo(ledger.differences().changed(function));
            assertThat(copy.differences().generation(function)).isEqualTo(ledger.differences().generation(function));
        }
        assertThat(copy.heldBack()).isEqualTo(1);

        RespondentSerde respondentSerde = new RespondentSerde();
        RespondentEntry s1 = respondents.get("s1");
        assertThat(s1.marks()).hasSize(2);
        assertThat(respondentSerde.deserialize("t", respondentSerde.serialize("t", s1))).isEqualTo(s1);
    }

    @Test
    void aRespondentReadsBackTheSame() {
        Submission s = new Submission("r-1", "sälj-1", BusinessFunction.SALES, Role.STAFF,
                Collections.nCopies(20, 5), AT);
        RespondentEntry entry = RespondentEntry.first(s).withResponseId("r-0");
        RespondentSerde serde = new RespondentSerde();
        assertThat(serde.deserialize("t", serde.serialize("t", entry))).isEqualTo(entry);
    }
}
