package org.entente.support.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The whole-topic reader against a real broker: from the beginning it catches up and follows; from the end it only follows. */
class TopicReaderTest {

    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void fromTheBeginningItCatchesUpWithWhatWasThereAndKeepsFollowing() throws Exception {
        publish("reader.beginning", "a", "b", "c");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TopicReader reader = reader("reader.beginning", TopicReader.StartAt.BEGINNING, seen, () -> { })) {
            reader.start();
            await().atMost(Duration.ofSeconds(30)).until(reader::isCaughtUp);
            assertThat(seen).containsExactlyInAnyOrder("a", "b", "c");

            publish("reader.beginning", "d");
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("d"));
        }
    }

    @Test
    void fromTheEndItHearsOnlyWhatComesAfterwards() throws Exception {
        publish("reader.end", "old");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TopicReader reader = reader("reader.end", TopicReader.StartAt.END, seen, () -> { })) {
            reader.start();
            await().atMost(Duration.ofSeconds(30)).until(reader::isCaughtUp);
            publish("reader.end", "new");
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("new"));
            assertThat(seen).containsExactly("new");
        }
    }

    @Test
    void readingOnlyWhileWantedSkipsWhatNobodyWantedAndHearsEverythingAfterward() throws Exception {
        publish("reader.wanted", "before");
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean wanted = new AtomicBoolean(false);
        try (TopicReader reader = reader("reader.wanted", TopicReader.StartAt.END, seen, () -> { })
                .onlyWhileWanted(wanted::get)) {
            reader.start();
            await().atMost(Duration.ofSeconds(30)).until(reader::isCaughtUp);
            publish("reader.wanted", "unwanted-1");

            wanted.set(true);
            reader.following().get(30, TimeUnit.SECONDS);
            publish("reader.wanted", "wanted-1"); // the moment the newcomer was told: nothing after it is missed
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("wanted-1"));

            wanted.set(false);
            Thread.sleep(1000); // the reader looks every 50 ms
            publish("reader.wanted", "unwanted-2");
            wanted.set(true);
            reader.following().get(30, TimeUnit.SECONDS);
            publish("reader.wanted", "wanted-2");
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("wanted-2"));
            assertThat(seen).containsExactly("wanted-1", "wanted-2");
        }
    }

    @Test
    void onlyAReaderFromTheEndCanSkipWhatNobodyWanted() {
        try (TopicReader reader = reader("reader.beginning", TopicReader.StartAt.BEGINNING, new ArrayList<>(),
                () -> { })) {
            assertThatThrownBy(() -> reader.onlyWhileWanted(() -> true)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void itWaitsForAMissingTopicAndAsksForItToBeCreated() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Runnable create = () -> {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
                admin.createTopics(List.of(new NewTopic("reader.missing", 2, (short) 1))).all().get();
            } catch (Exception alreadyThere) {
                // a second call finds it made
            }
        };
        try (TopicReader reader = reader("reader.missing", TopicReader.StartAt.BEGINNING, seen, create)) {
            reader.start();
            await().atMost(Duration.ofSeconds(60)).until(reader::isCaughtUp);
            assertThat(seen).isEmpty();
        }
    }

    private static TopicReader reader(String topic, TopicReader.StartAt startAt, List<String> seen,
            Runnable whileMissing) {
        return new TopicReader("test-reader-" + topic, Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()), List.of(topic), startAt,
                record -> seen.add(new String(record.value(), StandardCharsets.UTF_8)), whileMissing);
    }

    private static void publish(String topic, String... values) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value, value.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }
}
