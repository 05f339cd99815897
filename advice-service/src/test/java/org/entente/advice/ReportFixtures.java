package org.entente.advice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.events.AlignmentContext;
import org.entente.events.AssessmentOpened;
import org.entente.events.FunctionScore;
import org.entente.events.Stage;
import org.entente.events.StageClassified;
import org.entente.events.StatementScore;
import org.entente.schemas.Topic;
import org.entente.schemas.Topics;

/** Realistic assessments for the service-level tests, and a way to publish them onto the embedded broker. */
public final class ReportFixtures {

    public static final double[] SALES = {4.1, 3.4, 2.2, 2.0, 3.1, 3.9, 2.8, 2.6, 2.4, 3.3,
            2.1, 2.3, 2.0, 2.5, 2.2, 3.0, 1.6, 1.8, 2.4, 2.2};
    public static final double[] MARKETING = {3.2, 2.6, 2.9, 2.7, 2.1, 2.0, 2.5, 2.9, 2.6, 2.7,
            2.3, 2.0, 2.8, 2.2, 2.9, 2.4, 1.5, 1.7, 2.6, 2.3};

    private ReportFixtures() {
    }

    public static AssessmentOpened opened(String id, String organization, String title, Instant opensAt,
            AlignmentContext context) {
        return AssessmentOpened.newBuilder()
                .setAssessmentId(id)
                .setOrganization(organization)
                .setTitle(title)
                .setInstrumentVersion("1")
                .setOpensAt(opensAt)
                .setContext(context)
                .build();
    }

    /** A stage whose totals and score follow from the per-statement means, each shifted by {@code shift}. */
    public static StageClassified stage(String id, long revision, boolean isFinal, double shift) {
        List<StatementScore> statements = new ArrayList<>();
        double salesTotal = 0;
        double marketingTotal = 0;
        for (int i = 0; i < 20; i++) {
            double s = clamp(SALES[i] + shift);
            double m = clamp(MARKETING[i] + shift);
            salesTotal += s;
            marketingTotal += m;
            statements.add(new StatementScore(i + 1, (s + m) / 2, s, m));
        }
        double score = (salesTotal + marketingTotal) / 2;
        return StageClassified.newBuilder()
                .setAssessmentId(id)
                .setRevision(revision)
                .setFinal$(isFinal)
                .setStage(stageOf(score))
                .setScore(score)
                .setRespondentCount(9)
                .setSales(new FunctionScore(4, salesTotal, stageOf(salesTotal), 6.5))
                .setMarketing(new FunctionScore(5, marketingTotal, stageOf(marketingTotal), 5.0))
                .setPerceptionGap(salesTotal - marketingTotal)
                .setStatements(statements)
                .setClassifiedAt(Instant.parse("2026-11-20T10:00:00Z"))
                .build();
    }

    public static Stage stageOf(double score) {
        return Stage.valueOf(org.entente.rules.Stage.of(score).name());
    }

    public static void publish(String brokers, List<? extends SpecificRecord> events) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), new StringSerializer(),
                new ByteArraySerializer())) {
            for (SpecificRecord event : events) {
                if (event instanceof StageClassified stage) {
                    send(producer, Topics.STAGES, stage.getAssessmentId(), stage);
                } else if (event instanceof AssessmentOpened opened) {
                    send(producer, Topics.ASSESSMENTS, opened.getAssessmentId(), opened);
                } else {
                    throw new IllegalArgumentException("no topic for " + event.getClass());
                }
            }
            producer.flush();
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> void send(KafkaProducer<String, byte[]> producer, Topic<V> topic, String key,
            SpecificRecord event) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key,
                topic.valueSerde().serializer().serialize(topic.name(), (V) event))).get();
    }

    private static double clamp(double rating) {
        return Math.max(1, Math.min(5, Math.round(rating * 10) / 10.0));
    }
}
