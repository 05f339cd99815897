package org.entente.bench;

import static org.entente.bench.Children.say;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.events.AlignmentContext;
import org.entente.events.AssessmentOpened;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.local.LocalStack;
import org.entente.local.Service;
import org.entente.schemas.Topics;

/**
 * Figure 1: scoring-service's topology in-process ({@link StreamsPass}) against a pass-through Kafka Streams
 * application with and without a repartition, all exactly_once_v2, over the same pre-produced responses on a
 * broker-only stack of its own.
 */
final class ScoringThroughput implements Benchmark {

    private static final String FIGURE = "1. Scoring throughput";

    private final Plan plan;
    private final Path repository;
    private final Path home;
    private int messageSize;

    ScoringThroughput(Plan plan, Path repository, Path home) {
        this.plan = plan;
        this.repository = repository;
        this.home = home;
    }

    @Override
    public void measure(Report report) throws Exception {
        say("Scoring throughput: a broker-only stack, " + plan.responses() + " responses");
        try (LocalStack broker = LocalStack.builder().repository(repository).home(home.resolve("broker"))
                .brokerPort(Children.freePort()).controllerPort(Children.freePort())
                .services(EnumSet.noneOf(Service.class)).partitions(3).out(Children.quiet()).build()) {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Children.admin(bootstrap)) {
                admin.createTopics(List.of(new NewTopic(StreamsPass.PASSTHROUGH_OUT, 3, (short) 1))).all().get();
            }
            produceResponses(bootstrap, plan.responses());
            List<String> kinds = plan.smoke() ? List.of("passthrough", "repartition", "scoring")
                    : List.of("passthrough", "repartition", "keeping", "scoring");
            var passes = StreamsPass.runEach(kinds, bootstrap, plan.streamRuns(), repository, report);
            for (var phase : passes.entrySet()) {
                Stats scoring = Stats.of(phase.getValue().getOrDefault("scoring", List.of()));
                Stats pass = Stats.of(phase.getValue().getOrDefault("passthrough", List.of()));
                Stats repartition = Stats.of(phase.getValue().getOrDefault("repartition", List.of()));
                Double ratio = Report.ratio(scoring, repartition);
                report.add(new Report.Row(FIGURE, "responses/s, " + phase.getKey(), scoring.format("%.0f"),
                        "pass-through with a repartition " + repartition.format("%.0f"), Report.pct(ratio), "≥ 70 %",
                        Report.met(ratio == null ? null : ratio >= 0.70)));
                report.add(new Report.Row(FIGURE, "responses/s, " + phase.getKey() + ", against the plain "
                        + "pass-through", scoring.format("%.0f"), "pass-through " + pass.format("%.0f"),
                        Report.pct(Report.ratio(scoring, pass)), "–", "–"));
                if (!plan.smoke()) {
                    Stats keeping = Stats.of(phase.getValue().getOrDefault("keeping", List.of()));
                    String baseline = "keeping an entry " + keeping.format("%.0f") + " ("
                            + Report.pct(Report.ratio(keeping, repartition)) + " of the repartitioning one)";
                    report.add(new Report.Row(FIGURE, "responses/s, " + phase.getKey() + ", against the "
                            + "repartitioning pass-through keeping one stored entry per response",
                            scoring.format("%.0f"), baseline, Report.pct(Report.ratio(scoring, keeping)), "–",
                            "–"));
                }
            }
        }
        report.note("Scoring throughput: scoring-service's own topology (`ScoringTopology.addTo`, in-process, not "
                + "the whole service) against a pass-through Kafka Streams application that reads each response, "
                + "decodes it and writes it encoded again, with and without a repartition by key between the two "
                + "(scoring repartitions its inputs so that any producer's partitioner works, so the repartitioning "
                + "pass-through is its like-for-like floor and the target is judged against it). A full run also "
                + "runs the repartitioning pass-through keeping one entry per response in a changelogged RocksDB "
                + "store, read before it is written (what remembering each respondent costs any application; "
                + "scoring's respondents store does it, beside its ledgers and revisions). "
                + "All: exactly_once_v2, commit.interval.ms 100, one "
                + "stream thread, 3 partitions, the same " + plan.responses() + " responses of " + messageSize
                + " bytes (one assessment per 40 responses, 20 respondents per function). Each run is a new JVM "
                + "doing two passes, each with its own application id: the first pass is the fresh-JVM figure, the "
                + "second the warm one. Records per second between the first and the last commit of a pass.");
    }

    /**
     * Puts assessments and their responses on the broker: one assessment per 40 responses (20 from each function,
     * each from its own respondent), interleaved as a busy survey would see them.
     */
    private void produceResponses(String bootstrap, int count) throws Exception {
        int perAssessment = 40;
        int assessments = Math.max(1, count / perAssessment);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            Instant now = Instant.now();
            for (int a = 0; a < assessments; a++) {
                AssessmentOpened opened = AssessmentOpened.newBuilder().setAssessmentId("bench-a" + a)
                        .setOrganization("bench").setTitle("benchmark").setInstrumentVersion("1")
                        .setStatementCount(20).setAnonymityThreshold(3).setOpensAt(now)
                        .setContext(AlignmentContext.newBuilder().build()).build();
                producer.send(new ProducerRecord<>(Topics.ASSESSMENTS.name(), opened.getAssessmentId().toString(),
                        Topics.ASSESSMENTS.valueSerde().serializer().serialize(Topics.ASSESSMENTS.name(), opened)));
            }
            producer.flush();
            Thread.sleep(20); // the responses carry later timestamps than every opening
            for (int i = 0; i < count; i++) {
                byte[] value = responseBytes("bench-a" + (i % assessments), "bench-resp-" + i,
                        "r" + (i / assessments) % perAssessment);
                messageSize = value.length;
                producer.send(new ProducerRecord<>(Topics.RESPONSES.name(), "bench-a" + (i % assessments), value));
            }
            producer.flush();
        }
        say("  produced " + assessments + " assessments and " + count + " responses of " + messageSize + " bytes");
    }

    /** A response as survey-service writes it, encoded; its size is also the intake baseline's message size. */
    static byte[] responseBytes(String assessmentId, String responseId, String respondentId) {
        int k = respondentId.hashCode() & 0xff;
        List<Integer> answers = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            answers.add(1 + (k + s) % 5);
        }
        SurveyResponseSubmitted response = SurveyResponseSubmitted.newBuilder().setResponseId(responseId)
                .setAssessmentId(assessmentId).setRespondentId(respondentId)
                .setFunction(k % 2 == 0 ? BusinessFunction.SALES : BusinessFunction.MARKETING).setRole(Role.STAFF)
                .setInstrumentVersion("1").setAnswers(answers).setSubmittedAt(Instant.now()).setSource("web").build();
        return Topics.RESPONSES.valueSerde().serializer().serialize(Topics.RESPONSES.name(), response);
    }
}
