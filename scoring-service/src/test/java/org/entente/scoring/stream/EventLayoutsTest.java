package org.entente.scoring.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.schemas.EventDecodingException;
import org.entente.schemas.Topics;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.AssessmentTerms;
import org.entente.scoring.domain.KeptRespondents;
import org.entente.scoring.domain.Submission;
import org.junit.jupiter.api.Test;

/**
 * The hand-written revision writer and response reader: the writer's bytes are exactly Avro's for the generated
 * record, the reader reads what Avro reads, and whatever it cannot read fails exactly as Avro's reader fails.
 */
class EventLayoutsTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    /** Revisions of a named and of an anonymous assessment, interim and final, with held-back changes. */
    private static List<EventLayouts.Published> revisions() {
        List<EventLayouts.Published> revisions = new ArrayList<>();
        for (boolean named : List.of(true, false)) {
            AssessmentLedger ledger = AssessmentLedger.open(new AssessmentTerms(named ? "a-näm" : "a-1", 20,
                    named ? 2 : 3, named, AT.plusSeconds(600)));
            KeptRespondents respondents = new KeptRespondents();
            int n = 0;
            for (String who : List.of("s1", "s2", "s3", "m1", "m2", "m3", "s4")) {
                var function = who.startsWith("s") ? org.entente.scoring.domain.BusinessFunction.SALES
                        : org.entente.scoring.domain.BusinessFunction.MARKETING;
                var role = who.endsWith("1") ? org.entente.scoring.domain.Role.HEAD
                        : org.entente.scoring.domain.Role.STAFF;
                List<Integer> answers = new ArrayList<>();
                for (int s = 0; s < 20; s++) {
                    answers.add(1 + (n + s) % 5);
                }
                n++;
                ledger.submit(new Submission("r-" + who, who, function, role, answers, AT), respondents);
                ledger.publishChanges().ifPresent(r -> revisions.add(
                        new EventLayouts.Published(ledger.terms(), r, AT.plusMillis(revisions.size()))));
            }
            ledger.close();
            revisions.add(new EventLayouts.Published(ledger.terms(), ledger.publishFinal().orElseThrow(),
                    AT.plusSeconds(700)));
        }
        return revisions;
    }

    @Test
    void aRevisionIsWrittenAsTheBytesAvroWritesForItsStageClassified() {
        List<EventLayouts.Published> revisions = revisions();
        assertThat(revisions).extracting(p -> p.revision().isFinal()).contains(true, false);
        assertThat(revisions).extracting(p -> p.revision().classification().heads() == null).contains(true, false);
        assertThat(revisions).extracting(p -> p.revision().heldBack()).anyMatch(heldBack -> heldBack > 0);
        for (EventLayouts.Published p : revisions) {
            byte[] byAvro = Topics.STAGES.valueSerde().serializer().serialize(Topics.STAGES.name(),
                    EventMapping.stageClassified(p.terms(), p.revision(), p.classifiedAt()));
            assertThat(EventLayouts.stageClassified(p.terms(), p.revision(), p.classifiedAt())).isEqualTo(byAvro);
        }
    }

    private static SurveyResponseSubmitted response(String respondentId, List<Integer> answers, String source) {
        return SurveyResponseSubmitted.newBuilder().setResponseId("r-" + respondentId).setAssessmentId("a-ü1")
                .setRespondentId(respondentId).setFunction(BusinessFunction.MARKETING).setRole(Role.HEAD)
                .setInstrumentVersion("1").setAnswers(answers).setSubmittedAt(AT).setSource(source).build();
    }

    private static byte[] bytes(SurveyResponseSubmitted response) {
        return Topics.RESPONSES.valueSerde().serializer().serialize(Topics.RESPONSES.name(), response);
    }

    @Test
    void aResponseReadsAsAvroReadsIt() {
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(i % 7 - 1);
        }
        for (SurveyResponseSubmitted response : List.of(response("m1", Collections.nCopies(20, 4), "web"),
                response("日本-1", List.of(), ""), response("x", many, "an application ✓"))) {
            byte[] bytes = bytes(response);
            SurveyResponseSubmitted read = EventLayouts.readResponse(bytes);
            assertThat(read).isEqualTo(response)
                    .isEqualTo(Topics.RESPONSES.valueSerde().deserializer().deserialize("t", bytes));
            assertThat(read.getAnswers()).isEqualTo(response.getAnswers());
        }
        assertThat(EventLayouts.readResponse(null)).isNull();
    }

    @Test
    void whatTheReaderCannotReadFailsAsAvrosReaderFails() {
        byte[] good = bytes(response("s1", Collections.nCopies(20, 3), "web"));
        List<byte[]> bad = new ArrayList<>();
        bad.add(Arrays.copyOf(good, good.length - 3)); // truncated
        bad.add(Arrays.copyOf(good, good.length + 1)); // a byte left over
        bad.add(Arrays.copyOf(good, 10)); // the header alone
        bad.add(Arrays.copyOf(good, 4)); // less than a header
        byte[] unknownFingerprint = good.clone();
        unknownFingerprint[9] ^= 1;
        bad.add(unknownFingerprint);
        byte[] notSingleObject = good.clone();
        notSingleObject[0] = 'x';
        bad.add(notSingleObject);
        byte[] negativeLength = good.clone();
        negativeLength[10] = 0x01; // the responseId's length as a zig-zag varint: -1
        bad.add(negativeLength);
        byte[] anyOpening = Topics.ASSESSMENTS.valueSerde().serializer().serialize("t",
                org.entente.events.AssessmentClosed.newBuilder().setAssessmentId("a-1").setClosedAt(AT).build());
        bad.add(anyOpening);
        int enumAt = 10 + 1 + "r-s1".length() + 1 + "a-ü1".getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + 1 + "s1".length();
        byte[] noSuchFunction = good.clone();
        noSuchFunction[enumAt] = 0x08; // function symbol 4 of two
        bad.add(noSuchFunction);
        for (byte[] bytes : bad) {
            EventDecodingException expected = null;
            try {
                Topics.RESPONSES.valueSerde().deserializer().deserialize(Topics.RESPONSES.name(), bytes);
            } catch (EventDecodingException e) {
                expected = e;
            }
            assertThat(expected).as("Avro's reader refuses %s", Arrays.toString(bytes)).isNotNull();
            EventDecodingException avro = expected;
            assertThatThrownBy(() -> EventLayouts.readResponse(bytes))
                    .isInstanceOfSatisfying(EventDecodingException.class, e -> {
                        assertThat(e.failure()).isEqualTo(avro.failure());
                        assertThat(e.getMessage()).isEqualTo(avro.getMessage());
                    });
        }
    }
}
