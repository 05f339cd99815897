package org.entente.scoring.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.BusinessFunction;
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
        assertThat(ledger.classification().orElseThrow().score()).isEqualTo(60.0);
        assertThat(ledger.unpublished()).as("revision 1 was published with both").isEmpty();
        assertThat(ledger.takeCarriedOver()).containsExactly(RespondentEntry.first(s1), RespondentEntry.first(m1));
        assertThat(ledger.takeCarriedOver()).as("handed over once").isEmpty();
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
