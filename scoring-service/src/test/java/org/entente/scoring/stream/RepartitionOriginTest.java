package org.entente.scoring.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.StageClassified;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.Origin;
import org.entente.schemas.OriginPrefix;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under {@link TopologyTestDriver}: what crosses scoring's repartition carries its origin in front of its bytes
 * ({@link OriginPrefix}) and no header of ours, and what an earlier version left there (the original bytes and
 * an {@link Origin} header) is still scored and dead-lettered with its origin.
 */
class RepartitionOriginTest {

    private static final String APPLICATION = "origin-prefix-test";
    private static final String REPARTITION = APPLICATION + "-" + ScoringIntake.REPARTITION + "-repartition";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        new ScoringTopology(Clock.fixed(Instant.parse("2026-03-03T00:00:00Z"), ZoneOffset.UTC)).addTo(builder);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(builder.build(), props);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void theRepartitionCarriesTheOriginInItsValuesAndNoHeaderOfOurs() {
        String id = ScoringScenarios.newAssessmentId();
        byte[] opened = ScoringScenarios.openedBytes(id, 1);
        byte[] response = ScoringScenarios.responseBytes(id, "s1", BusinessFunction.SALES, Role.STAFF, 4);
        driver.createInputTopic(Topics.ASSESSMENTS.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(id, opened);
        driver.createInputTopic(Topics.RESPONSES.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(id, response);
        List<TestRecord<String, byte[]>> crossed = driver.createOutputTopic(REPARTITION, new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
        assertThat(crossed).hasSize(2);
        assertThat(crossed).allSatisfy(record -> assertThat(record.headers().toArray()).isEmpty());
        assertThat(OriginPrefix.read(crossed.get(0).value()).origin())
                .isEqualTo(new Origin(Topics.ASSESSMENTS.name(), 0, 0));
        assertThat(OriginPrefix.read(crossed.get(0).value()).original()).isEqualTo(opened);
        assertThat(OriginPrefix.read(crossed.get(1).value()).origin())
                .isEqualTo(new Origin(Topics.RESPONSES.name(), 0, 0));
        assertThat(OriginPrefix.read(crossed.get(1).value()).original()).isEqualTo(response);
    }

    @Test
    void whatAnEarlierVersionLeftOnTheRepartitionIsStillScoredAndNamed() {
        String id = ScoringScenarios.newAssessmentId();
        var repartition = driver.createInputTopic(REPARTITION, new StringSerializer(), new ByteArraySerializer());
        Origin opening = new Origin(Topics.ASSESSMENTS.name(), 2, 17);
        repartition.pipeInput(new TestRecord<>(id, ScoringScenarios.openedBytes(id, 1),
                opening.stampOn(new RecordHeaders())));
        for (String respondent : List.of("s1", "m1")) {
            BusinessFunction function =
                    respondent.startsWith("s") ? BusinessFunction.SALES : BusinessFunction.MARKETING;
            repartition.pipeInput(new TestRecord<>(id,
                    ScoringScenarios.responseBytes(id, respondent, function, Role.STAFF, 3),
                    new Origin(Topics.RESPONSES.name(), 1, 40).stampOn(new RecordHeaders())));
        }
        byte[] tooFew = "\u00c3".getBytes(StandardCharsets.ISO_8859_1); // not an event: dead-lettered after all
        repartition.pipeInput(new TestRecord<>(id, tooFew,
                new Origin(Topics.RESPONSES.name(), 3, 41).stampOn(new RecordHeaders())));
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        List<StageClassified> stages = driver.createOutputTopic(Topics.STAGES.name(), new StringDeserializer(),
                        new ByteArrayDeserializer()).readValuesToList().stream()
                .map(bytes -> Topics.STAGES.valueSerde().deserializer().deserialize(Topics.STAGES.name(), bytes))
                .toList();
        assertThat(stages).extracting(StageClassified::getRespondentCount).containsExactly(2);
        var dead = driver.createOutputTopic(Topics.RESPONSES.dlq(), new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(tooFew);
        assertThat(DeadLetters.read(dead.get(0).headers(), DeadLetters.SOURCE_TOPIC))
                .isEqualTo(Topics.RESPONSES.name());
        assertThat(DeadLetters.read(dead.get(0).headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("3");
        assertThat(DeadLetters.read(dead.get(0).headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(dead.get(0).headers().lastHeader(Origin.HEADER)).as("taken off").isNull();
    }
}
