package org.entente.scoring.stream;

import java.time.Instant;
import java.util.Collections;
import org.apache.kafka.common.serialization.Serde;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.AssessmentTerms;
import org.entente.scoring.domain.BusinessFunction;
import org.entente.scoring.domain.KeptRespondents;
import org.entente.scoring.domain.RespondentEntry;
import org.entente.scoring.domain.Role;
import org.entente.scoring.domain.Submission;

/**
 * A microbenchmark without JMH (a {@code main}, not a test): how long one write and one read of a ledger and of a
 * respondent take through the stores' serdes (or, given {@code avro} as the third argument, through Avro's own
 * writer and reader of the generated records, {@link StoredState#ledgersByAvro()}), the shape the bench's scoring pass gives them (20 statements, 40
 * respondents). Run it under the stack's JVM options, as {@code bench/results/experiments/
 * 2026-12-05-vm-scoring-state-speed.md} says. Its figures are for before/after comparisons in one sitting only.
 */
final class StoredStateSpeed {

    private StoredStateSpeed() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        Instant at = Instant.parse("2026-03-02T10:00:00Z");
        AssessmentLedger ledger = AssessmentLedger.open(new AssessmentTerms("a-000123", 20, 3, false,
                at.plusSeconds(3600)));
        KeptRespondents respondents = new KeptRespondents();
        for (int i = 0; i < 40; i++) {
            BusinessFunction function = i % 2 == 0 ? BusinessFunction.SALES : BusinessFunction.MARKETING;
            ledger.submit(new Submission("r-" + i, "p-" + i, function, i % 10 == 0 ? Role.HEAD : Role.STAFF,
                    Collections.nCopies(20, 1 + i % 5), at), respondents);
            if (i == 20) {
                ledger.publishChanges();
            }
        }
        RespondentEntry respondent = respondents.get("p-7");
        boolean byAvro = args.length > 2 && args[2].equals("avro");
        Serde<AssessmentLedger> ledgers = byAvro ? StoredState.ledgersByAvro() : StoredState.ledgers();
        Serde<RespondentEntry> entries = byAvro ? StoredState.respondentsByAvro() : StoredState.respondents();
        System.out.printf("%s: ledger %d bytes, respondent %d bytes%n", byAvro ? "Avro's writer and reader"
                : "the stores' serdes", ledgers.serializer().serialize("t", ledger).length,
                entries.serializer().serialize("t", respondent).length);
        for (int round = 0; round < rounds; round++) {
            System.out.printf("round %d: ledger write+read %.2f µs, respondent write+read %.2f µs%n", round,
                    micros(ledgers, ledger, perRound), micros(entries, respondent, perRound));
        }
    }

    private static <T> double micros(Serde<T> serde, T value, int times) {
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            byte[] bytes = serde.serializer().serialize("t", value);
            sink += serde.deserializer().deserialize("t", bytes).hashCode() + bytes.length;
        }
        double micros = (System.nanoTime() - start) / 1000.0 / times;
        if (sink == 42) {
            System.out.print("");
        }
        return micros;
    }
}
