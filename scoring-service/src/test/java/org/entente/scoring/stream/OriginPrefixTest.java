package org.entente.scoring.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
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
import org.entente.schemas.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repartition's value layout ({@link OriginPrefix}) byte for byte, and under {@link TopologyTestDriver}: what
 * crosses the repartition carries no header of ours, and what an earlier version left there (the original bytes and
 * an {@link Origin} header) is still scored and dead-lettered with its origin.
 */
class OriginPrefixTest {

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
    void theLayoutByteForByte() {
        byte[] original = {(byte) 0xC3, 0x01, 0x2A};
        byte[] stamped = OriginPrefix.prefix(new Origin("t.x", 258, 0x0102030405060708L), original);
        assertThat(HexFormat.of().formatHex(stamped))
                .isEqualTo("0001" + "03" + "742e78" + "00000102" + "0102030405060708" + "c3012a");
        OriginPrefix.Stamped read = OriginPrefix.read(stamped);
        assertThat(read.origin()).isEqualTo(new Origin("t.x", 258, 0x0102030405060708L));
        assertThat(read.original()).containsExactly(0xC3, 0x01, 0x2A);
    }

    @Test
    void bothInputTopicsAndLargeNumbersReadBack() {
        for (String topic : List.of(Topics.RESPONSES.name(), Topics.ASSESSMENTS.name(), "other")) {
            Origin origin = new Origin(topic, Integer.MAX_VALUE, Long.MAX_VALUE);
            OriginPrefix.Stamped read = OriginPrefix.read(OriginPrefix.prefix(origin, new byte[0]));
            assertThat(read.origin()).isEqualTo(origin);
            assertThat(read.original()).isEmpty();
        }
    }

    @Test
    void whatIsNotPrefixedReadsAsNothing() {
        byte[] event = ScoringScenarios.responseBytes("a-1", "s1", BusinessFunction.SALES, Role.STAFF, 4);
        assertThat(OriginPrefix.read(event)).as("an event as published (C3 01 ...)").isNull();
        assertThat(OriginPrefix.read(null)).isNull();
        byte[] stamped = OriginPrefix.prefix(new Origin(Topics.RESPONSES.name(), 1, 2), event);
        int topicEnds = 3 + Topics.RESPONSES.name().length();
        for (int cut : new int[] {0, 2, 3, topicEnds, topicEnds + 11}) {
            assertThat(OriginPrefix.read(Arrays.copyOf(stamped, cut))).as("cut at %d", cut).isNull();
        }
        byte[] otherVersion = stamped.clone();
        otherVersion[1] = 2;
        assertThat(OriginPrefix.read(otherVersion)).as("a version this one does not know").isNull();
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
