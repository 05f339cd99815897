package org.entente.advice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.entente.advice.AdviceServiceTest;
import org.entente.advice.ReportFixtures;
import org.entente.events.AdviceGenerated;
import org.entente.events.Recommendation;
import org.entente.events.Stage;
import org.entente.schemas.Topics;
import org.entente.testing.Crc32Partitioner;
import org.entente.testing.RawProducer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Openings from survey-service's Java producer (murmur2), stage revisions from a producer that partitions like
 * librdkafka (CRC32), for assessments whose two partitions differ: every advice uses the context answers, whether
 * the opening or the revision is published first.
 */
@AdviceServiceTest
class AnyPartitionerTest extends AdviceServiceTest.Support {

    private static final int ASSESSMENTS = 3;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void adviceUsesTheContextAnswersWhateverPartitionerPublishedTheRevision() throws Exception {
        Map<String, List<AdviceGenerated>> published = new HashMap<>();
        try (RawProducer survey = RawProducer.javaDefault(brokers);
                RawProducer other = RawProducer.likeLibrdkafka(brokers)) {
            int partitions = survey.partitionCount(Topics.ASSESSMENTS.name());
            List<String> ids = new ArrayList<>();
            while (ids.size() < 2 * ASSESSMENTS) {
                String id = "any-" + UUID.randomUUID();
                if (Crc32Partitioner.javaPartitionFor(id, partitions)
                        != Crc32Partitioner.partitionFor(id, partitions)) {
                    ids.add(id); // only assessments whose opening and revision land on different partitions
                }
            }
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                boolean openingFirst = i % 2 == 0;
                if (openingFirst) {
                    sendOpening(survey, id);
                }
                other.send(Topics.STAGES.name(), id, Topics.STAGES.valueSerde().serializer()
                        .serialize(Topics.STAGES.name(), ReportFixtures.stage(id, 1, false, 0)));
                if (!openingFirst) {
                    sendOpening(survey, id);
                }
                published.put(id, new ArrayList<>());
            }
        }

        try (KafkaConsumer<String, AdviceGenerated> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.ADVICE.name()));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (published.containsKey(r.key())) {
                        published.get(r.key()).add(r.value());
                    }
                });
                assertThat(published.values()).allSatisfy(advice -> assertThat(advice).isNotEmpty());
            });
            long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < settle) { // a context-less advice arriving late must fail the test too
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (published.containsKey(r.key())) {
                        published.get(r.key()).add(r.value());
                    }
                });
            }
        }
        assertThat(published).allSatisfy((id, advice) -> assertThat(advice).as(id).allSatisfy(a -> {
            assertThat(a.getRecommendation()).isEqualTo(Recommendation.MOVE_UP);
            assertThat(a.getTargetStage()).isEqualTo(Stage.ALIGNED);
            assertThat(String.join(" ", a.getRationale())).doesNotContain("have not arrived yet");
        }));
    }

    private static void sendOpening(RawProducer producer, String id) throws Exception {
        producer.send(Topics.ASSESSMENTS.name(), id, Topics.ASSESSMENTS.valueSerde().serializer()
                .serialize(Topics.ASSESSMENTS.name(), ReportFixtures.opened(id, "umbrella", "Any partitioner",
                        Instant.parse("2026-10-01T09:00:00Z"), AdviceTopologyTest.commoditizing())));
    }

    private KafkaConsumer<String, AdviceGenerated> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "advice-any-partitioner-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.ADVICE.keySerde().deserializer(), Topics.ADVICE.valueSerde().deserializer());
    }
}
