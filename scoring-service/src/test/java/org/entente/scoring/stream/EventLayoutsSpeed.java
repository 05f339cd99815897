package org.entente.scoring.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.schemas.Topics;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.AssessmentTerms;
import org.entente.scoring.domain.KeptRespondents;
import org.entente.scoring.domain.Submission;

/**
 * A microbenchmark without JMH (a {@code main}, not a test): one read of a response as the bench's scoring pass has
 * them (20 answers) and one write of a revision, through Avro ({@link org.entente.schemas.EventSerde}, the generated
 * records) and through {@link EventLayouts}. Arguments: rounds and reads or writes per round. Run it under the stack's
 * JVM options; its figures are for comparisons in one sitting only
 * ({@code bench/results/experiments/2026-12-06-vm-scoring-2.md}).
 */
final class EventLayoutsSpeed {

    private EventLayoutsSpeed() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        Instant at = Instant.parse("2026-03-02T10:00:00Z");
        List<Integer> answers = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            answers.add(1 + s % 5);
        }
        byte[] response = Topics.RESPONSES.valueSerde().serializer().serialize("t", SurveyResponseSubmitted
                .newBuilder().setResponseId("bench-resp-12345").setAssessmentId("bench-a123").setRespondentId("r17")
                .setFunction(BusinessFunction.SALES).setRole(Role.STAFF).setInstrumentVersion("1")
                .setAnswers(answers).setSubmittedAt(at).setSource("web").build());
        AssessmentLedger ledger = AssessmentLedger.open(new AssessmentTerms("bench-a123", 20, 3, false, null));
        KeptRespondents respondents = new KeptRespondents();
        for (int i = 0; i < 40; i++) {
            ledger.submit(new Submission("r-" + i, "p-" + i, i % 2 == 0
                    ? org.entente.scoring.domain.BusinessFunction.SALES
                    : org.entente.scoring.domain.BusinessFunction.MARKETING, org.entente.scoring.domain.Role.STAFF,
                    answers, at), respondents);
        }
        AssessmentLedger.Revision revision = ledger.publishChanges().orElseThrow();
        for (int round = 0; round < rounds; round++) {
            System.out.printf("round %d: response read %.2f µs (Avro) %.2f µs (layout); revision write %.2f µs "
                    + "(Avro) %.2f µs (layout)%n", round,
                    micros(perRound, i -> Topics.RESPONSES.valueSerde().deserializer().deserialize("t", response)
                            .getAnswers().size()),
                    micros(perRound, i -> EventLayouts.readResponse(response).getAnswers().size()),
                    micros(perRound, i -> Topics.STAGES.valueSerde().serializer().serialize("t",
                            EventMapping.stageClassified(ledger.terms(), revision, at)).length),
                    micros(perRound, i -> EventLayouts.stageClassified(ledger.terms(), revision, at).length));
        }
    }

    /** Microseconds per call of {@code work}, {@code times} calls; its results are summed so none is optimized away. */
    static double micros(int times, IntToLongFunction work) {
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            sink += work.applyAsLong(i);
        }
        double micros = (System.nanoTime() - start) / 1000.0 / times;
        if (sink == 42) {
            System.out.print("");
        }
        return micros;
    }
}
