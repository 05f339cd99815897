package org.entente.scoring.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collections;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.entente.internal.scoring.ScoringLedger;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.AssessmentTerms;
import org.entente.scoring.domain.BusinessFunction;
import org.entente.scoring.domain.KeptRespondents;
import org.entente.scoring.domain.RespondentEntry;
import org.entente.scoring.domain.Role;
import org.entente.scoring.domain.Submission;

/**
 * A microbenchmark without JMH (a {@code main}, not a test): how long one write and one read of a ledger and of a
 * respondent take through the stores' serdes, the shape the bench's scoring pass gives them (20 statements, 40
 * respondents). Run it under the stack's JVM options, as {@code bench/results/experiments/
 * 2026-12-05-vm-scoring-state-speed.md} says. Arguments: rounds, writes and reads per round, and the way: {@code stores}
 * (the stores' serdes, the default), {@code avro} (Avro's writer and resolving reader of the generated records
 * through {@link org.entente.schemas.EventSerde}, {@link StoredState#ledgersByAvro()}), {@code reused} and
 * {@code custom} (the ledger through Avro's specific writer and reader, reused, without and with custom coders; no
 * single-object header). Its figures are for before/after comparisons in one sitting only.
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
        String way = args.length > 2 ? args[2] : "stores";
        Serde<AssessmentLedger> ledgers = switch (way) {
            case "avro" -> StoredState.ledgersByAvro();
            case "reused", "custom" -> reused(way.equals("custom"));
            default -> StoredState.ledgers();
        };
        Serde<RespondentEntry> entries = way.equals("avro") ? StoredState.respondentsByAvro()
                : StoredState.respondents();
        System.out.printf("%s: ledger %d bytes, respondent %d bytes%n", way,
                ledgers.serializer().serialize("t", ledger).length,
                entries.serializer().serialize("t", respondent).length);
        for (int round = 0; round < rounds; round++) {
            System.out.printf("round %d: ledger write+read %.2f µs, respondent write+read %.2f µs%n", round,
                    micros(ledgers, ledger, perRound), micros(entries, respondent, perRound));
        }
    }

    /**
     * The ledger through Avro's specific writer and reader of the generated record (no fingerprint lookup, one
     * encoder, decoder and buffer reused), with or without the generated classes' custom coders.
     */
    private static Serde<AssessmentLedger> reused(boolean customCoders) {
        SpecificData model = SpecificData.getForClass(ScoringLedger.class);
        model.setCustomCoders(customCoders);
        Schema schema = ScoringLedger.getClassSchema();
        SpecificDatumWriter<ScoringLedger> writer = new SpecificDatumWriter<>(schema, model);
        SpecificDatumReader<ScoringLedger> reader = new SpecificDatumReader<>(schema, schema, model);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        BinaryEncoder[] encoder = new BinaryEncoder[1];
        BinaryDecoder[] decoder = new BinaryDecoder[1];
        return Serdes.serdeFrom((topic, value) -> {
            buffer.reset();
            try {
                encoder[0] = EncoderFactory.get().binaryEncoder(buffer, encoder[0]);
                writer.write(StoredState.stored(value), encoder[0]);
                encoder[0].flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buffer.toByteArray();
        }, (topic, bytes) -> {
            decoder[0] = DecoderFactory.get().binaryDecoder(bytes, decoder[0]);
            try {
                return StoredState.ledger(reader.read(null, decoder[0]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static <T> double micros(Serde<T> serde, T value, int times) {
        return EventLayoutsSpeed.micros(times, i -> {
            byte[] bytes = serde.serializer().serialize("t", value);
            return serde.deserializer().deserialize("t", bytes).hashCode() + bytes.length;
        });
    }
}
