package org.entente.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.entente.events.AdviceGenerated;
import org.entente.events.StageClassified;
import org.entente.schemas.Topics;

/**
 * Reads what the suite published about one assessment on the stages and advice topics, from the beginning,
 * as an outside consumer would: committed (read_committed) records only, decoded with the contract's serdes.
 */
final class EventLog implements AutoCloseable {

    private final String assessmentId;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<StageClassified> stages = new ArrayList<>();
    private final List<AdviceGenerated> advice = new ArrayList<>();

    EventLog(String bootstrapServers, String assessmentId) {
        this.assessmentId = assessmentId;
        Properties config = new Properties();
        config.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.STAGES.name(), Topics.ADVICE.name())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what arrived since the last call. */
    EventLog poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            if (!assessmentId.equals(record.key())) {
                continue;
            }
            if (record.topic().equals(Topics.STAGES.name())) {
                stages.add(Topics.STAGES.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            } else {
                advice.add(Topics.ADVICE.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            }
        }
        return this;
    }

    List<StageClassified> stages() {
        return List.copyOf(stages);
    }

    List<AdviceGenerated> advice() {
        return List.copyOf(advice);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
