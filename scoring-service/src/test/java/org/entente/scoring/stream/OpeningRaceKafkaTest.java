package org.entente.scoring.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.StageClassified;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.Topics;
import org.entente.scoring.stream.ScoringHarness.DeadLetter;
import org.entente.testing.Crc32Partitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Issue 17's question, against a real broker: can store caching lose a valid response as {@code UNKNOWN_ASSESSMENT}?
 * Many assessments, each opened by a Java producer (acknowledged, as survey-service does before it answers) and
 * answered at once by six responses, three from a producer partitioning like librdkafka ({@link Crc32Partitioner})
 * and three from the Java default one, on four partitions: so most responses travel through another partition, and
 * another intake task, than their opening, and race it to the scoring task. The topology is the service's own, with
 * its ledgers store cached by Kafka Streams, exactly-once, a commit every 100 ms, and a record cache small enough that
 * entries are also evicted (written to RocksDB and the changelog) between commits.
 *
 * <p>Every response must count exactly once (one revision per assessment, with all six respondents and the right
 * score) and nothing may be dead-lettered. The second test feeds the same kind of inputs to the same topology with
 * an empty parking lot (capacity 0: a response that reaches scoring before its opening is an
 * {@code UNKNOWN_ASSESSMENT} dead letter at once, as every such response was before the parking lot existed) and
 * expects such dead letters: the inputs really do race, with or without the cache, so the first test cannot pass for
 * want of a race. That was the mechanism behind the dead letters once seen with caching (see
 * {@link ScoringTopology}).
 */
@EmbeddedKafka(count = 1, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class OpeningRaceKafkaTest {

    private static final int PARTITIONS = 4;
    private static final int ASSESSMENTS = 120;
    private static final int RESPONSES_EACH = 6;

    @TempDir
    Path stateDir;

    @Test
    void everyResponseRightAfterItsOpeningCountsOnceWithTheLedgersCached(EmbeddedKafkaBroker broker) throws Exception {
        String brokers = broker.getBrokersAsString();
        try (KafkaStreams scoring = start(brokers, "scoring-opening-race", IntakeSettings.DEFAULTS);
                BrokerHarness harness = new BrokerHarness(brokers)) {
            List<String> ids = publish(brokers);

            Map<String, List<StageClassified>> revisions = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && !allCounted(ids, revisions)) {
                harness.stagesSince(stage -> revisions.computeIfAbsent(stage.getAssessmentId(),
                        id -> new ArrayList<>()).add(stage));
            }
            Thread.sleep(1_000); // a revision too many would show up now
            harness.stagesSince(stage -> revisions.computeIfAbsent(stage.getAssessmentId(),
                    id -> new ArrayList<>()).add(stage));

            List<String> dead = deadLetters(harness, ids);
            assertThat(dead).as("dead letters of valid responses").isEmpty();
            for (String id : ids) {
                List<StageClassified> stages = revisions.getOrDefault(id, List.of());
                assertThat(stages).as("revisions of %s", id).hasSize(1);
                StageClassified only = stages.get(0);
                assertThat(only.getRevision()).isEqualTo(1);
                assertThat(only.getRespondentCount()).as("respondents of %s", id).isEqualTo(RESPONSES_EACH);
                assertThat(only.getScore()).as("score of %s: Sales 80, Marketing 40", id).isEqualTo(60.0);
            }
        }
    }

    @Test
    void withoutAParkingLotTheSameInputsLoseResponsesThatOvertakeTheirOpening(EmbeddedKafkaBroker broker)
            throws Exception {
        String brokers = broker.getBrokersAsString();
        IntakeSettings noParking = new IntakeSettings(Duration.ofSeconds(30), 0);
        try (KafkaStreams scoring = start(brokers, "scoring-opening-race-unparked", noParking);
                BrokerHarness harness = new BrokerHarness(brokers)) {
            List<String> ids = publish(brokers);
            List<String> dead = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && dead.isEmpty()) {
                dead = deadLetters(harness, ids);
            }
            assertThat(dead).as("responses taken before their opening").isNotEmpty()
                    .allMatch(reason -> reason.endsWith(" UNKNOWN_ASSESSMENT"));
        }
    }

    /** The service's topology on the broker, cached stores and all, as its own Kafka Streams application. */
    private KafkaStreams start(String brokers, String applicationId, IntakeSettings intake) throws Exception {
        createTopics(brokers);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(applicationId).toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64 * 1024);
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        StreamsBuilder builder = new StreamsBuilder();
        new ScoringTopology(Clock.systemUTC(), intake).addTo(builder);
        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        streams.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }

    private static void createTopics(String brokers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            for (String topic : List.of(Topics.ASSESSMENTS.name(), Topics.RESPONSES.name(), Topics.STAGES.name(),
                    Topics.ASSESSMENTS.dlq(), Topics.RESPONSES.dlq())) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * Opens {@link #ASSESSMENTS} assessments (each opening acknowledged before its responses are sent) and answers
     * each at once: three Sales respondents rating every statement 4 (total 80) through the CRC32 producer, three
     * Marketing respondents rating 2 (total 40) through the Java one. Returns the assessment ids.
     */
    private static List<String> publish(String brokers) throws Exception {
        Map<String, Object> javaDefault = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all");
        Map<String, Object> crc32 = new HashMap<>(javaDefault);
        crc32.putAll(Crc32Partitioner.producerSettings());
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, byte[]> survey = producer(javaDefault);
                KafkaProducer<String, byte[]> otherApp = producer(crc32)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int a = 0; a < ASSESSMENTS; a++) {
                String id = ScoringScenarios.newAssessmentId();
                ids.add(id);
                survey.send(new ProducerRecord<>(Topics.ASSESSMENTS.name(), id, ScoringScenarios.openedBytes(id, 3)))
                        .get();
                for (int r = 0; r < RESPONSES_EACH; r++) {
                    boolean sales = r % 2 == 0;
                    byte[] response = ScoringScenarios.responseBytes(id, "r" + r,
                            sales ? BusinessFunction.SALES : BusinessFunction.MARKETING, Role.STAFF, sales ? 4 : 2);
                    sent.add((sales ? otherApp : survey)
                            .send(new ProducerRecord<>(Topics.RESPONSES.name(), id, response)));
                }
            }
            for (Future<RecordMetadata> acknowledged : sent) {
                acknowledged.get();
            }
        }
        return ids;
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, Object> config) {
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static boolean allCounted(List<String> ids, Map<String, List<StageClassified>> revisions) {
        for (String id : ids) {
            List<StageClassified> stages = revisions.get(id);
            if (stages == null || stages.get(stages.size() - 1).getRespondentCount() != RESPONSES_EACH) {
                return false;
            }
        }
        return true;
    }

    /** "key REASON" for every dead letter so far of one of {@code ids}, on either dead-letter topic. */
    private static List<String> deadLetters(BrokerHarness harness, List<String> ids) {
        Set<String> ours = new HashSet<>(ids);
        List<DeadLetter> dead = new ArrayList<>(harness.allDeadLettersNow(Topics.RESPONSES.dlq()));
        dead.addAll(harness.allDeadLettersNow(Topics.ASSESSMENTS.dlq()));
        return dead.stream().filter(d -> ours.contains(d.key()))
                .map(d -> d.key() + " " + DeadLetters.read(d.headers(), DeadLetters.REASON_CODE)).toList();
    }
}
