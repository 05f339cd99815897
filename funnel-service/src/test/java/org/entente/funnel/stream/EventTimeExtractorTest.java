package org.entente.funnel.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.events.Team;
import org.entente.funnel.FunnelEvents;
import org.entente.schemas.EventSerde;
import org.entente.schemas.SchemaHistory;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.Test;

/** Stream time is the event's {@code occurredAt}, read from any kept version; anything else keeps the broker's time. */
class EventTimeExtractorTest {

    private static final long BROKER_TIME = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
    private static final Instant OCCURRED = Instant.parse("2026-11-02T09:30:00.123Z");

    private final EventTimeExtractor extractor = new EventTimeExtractor();

    @Test
    void theEventTimeIsReadFromEveryKeptVersionOfTheEvent() {
        List<Schema> versions = SchemaHistory.kept().versions(FunnelEvent.class);
        assertThat(versions).hasSizeGreaterThanOrEqualTo(3);
        for (Schema version : versions) {
            assertThat(extractor.extract(record(written(version)), 0)).as(version.toString())
                    .isEqualTo(OCCURRED.toEpochMilli());
        }
        FunnelEvent current = FunnelEvents.of("acme").entered("e1", "L1", FunnelStep.BRAND_AWARENESS, OCCURRED);
        assertThat(extractor.extract(record(Topics.FUNNEL_EVENTS.valueSerde().serializer()
                .serialize(Topics.FUNNEL_EVENTS.name(), current)), 0)).isEqualTo(OCCURRED.toEpochMilli());
    }

    @Test
    void whatIsNoFunnelEventKeepsTheBrokersTimestamp() {
        byte[] event = written(SchemaHistory.kept().versions(FunnelEvent.class).get(0));
        byte[] otherEvent = EventSerde.header(SchemaHistory.fingerprint(SurveyResponseSubmitted.getClassSchema()));
        byte[] unknownFingerprint = event.clone();
        unknownFingerprint[5] ^= 0x5a;
        for (byte[] notAnEvent : List.of("{\"leadId\":\"L1\"}".getBytes(StandardCharsets.UTF_8), new byte[3],
                Arrays.copyOf(event, 14), otherEvent, unknownFingerprint)) {
            assertThat(extractor.extract(record(notAnEvent), 0)).isEqualTo(BROKER_TIME);
        }
        ConsumerRecord<Object, Object> noTimestamp = new ConsumerRecord<>(Topics.FUNNEL_EVENTS.name(), 0, 0, -1,
                TimestampType.CREATE_TIME, 0, 0, "L1", new byte[3], new RecordHeaders(), java.util.Optional.empty());
        assertThat(extractor.extract(noTimestamp, 42)).as("the partition's time then").isEqualTo(42);
    }

    @Test
    void theShortcutIsWrittenForTheCurrentFunnelEvent() {
        assertThat(EventTimeExtractor.WRITTEN_FOR)
                .as("FunnelEvent changed: step through its new layout in EventTimeExtractor.occurredAt and give it "
                        + "the new fingerprint, or every event is decoded once more")
                .isEqualTo(SchemaHistory.fingerprint(FunnelEvent.getClassSchema()));
    }

    @Test
    void theShortcutReadsWhatDecodingReadsWithEveryOptionalFieldThereOrNot() {
        String longName = "Ålesund ".repeat(40); // a length of two varint bytes
        List<FunnelEvent> events = List.of(
                FunnelEvents.of("acme").entered("e1", "L1", FunnelStep.BRAND_AWARENESS, OCCURRED),
                FunnelEvents.of(longName).won("e2", longName, longName, Long.MAX_VALUE / 3, 1L << 40, OCCURRED),
                FunnelEvents.of("acme").rejected("e3", "L1", "not in our market: " + longName, OCCURRED),
                FunnelEvents.of("acme").reviewRequested("e4", "L1", "deck", OCCURRED),
                FunnelEvents.of("acme").contributed("e5", "L1", Team.MARKETING, FunnelStep.PURCHASE,
                        MarketingContribution.CASE_STUDY, OCCURRED),
                FunnelEvents.of("acme").accepted("e6", "L1", Instant.EPOCH),
                FunnelEvents.of("acme").lost("e7", "L1", Instant.parse("2262-04-11T23:47:16.854Z")));
        for (FunnelEvent event : events) {
            byte[] bytes = Topics.FUNNEL_EVENTS.valueSerde().serializer().serialize(Topics.FUNNEL_EVENTS.name(), event);
            assertThat(EventSerde.writtenWith(bytes, EventTimeExtractor.WRITTEN_FOR)).isTrue();
            assertThat(EventTimeExtractor.occurredAt(bytes)).as(event.toString())
                    .isEqualTo(event.getOccurredAt().toEpochMilli());
            assertThat(extractor.extract(record(bytes), 0)).isEqualTo(event.getOccurredAt().toEpochMilli());
        }
    }

    @Test
    void anEventDatedBefore1970KeepsTheBrokersTimestampSoKafkaStreamsDoesNotDropIt() {
        Instant apollo = Instant.parse("1969-07-20T20:17:40Z");
        FunnelEvent tooOld = FunnelEvents.of("acme").entered("e1", "L1", FunnelStep.BRAND_AWARENESS, apollo);
        assertThat(extractor.extract(record(Topics.FUNNEL_EVENTS.valueSerde().serializer()
                .serialize(Topics.FUNNEL_EVENTS.name(), tooOld)), 0)).isEqualTo(BROKER_TIME);
        for (Schema version : SchemaHistory.kept().versions(FunnelEvent.class)) {
            assertThat(extractor.extract(record(FunnelEvents.writtenWith(version, tooOld)), 0)).as(version.toString())
                    .isEqualTo(BROKER_TIME);
        }
    }

    @Test
    void currentBytesCutShortKeepTheBrokersTimestamp() {
        byte[] event = Topics.FUNNEL_EVENTS.valueSerde().serializer().serialize(Topics.FUNNEL_EVENTS.name(),
                FunnelEvents.of("acme").rejected("e1", "L1", "no budget", OCCURRED));
        for (int length = EventSerde.HEADER_LENGTH; length < event.length - 3; length++) {
            assertThat(extractor.extract(record(Arrays.copyOf(event, length)), 0)).as("%d bytes", length)
                    .isEqualTo(BROKER_TIME);
        }
    }

    /** The event, entered at {@link #OCCURRED}, as a producer built with {@code version} writes it. */
    private static byte[] written(Schema version) {
        return FunnelEvents.writtenWith(version,
                FunnelEvents.of("acme").entered("e1", "L1", FunnelStep.BRAND_AWARENESS, OCCURRED));
    }

    private static ConsumerRecord<Object, Object> record(byte[] value) {
        return new ConsumerRecord<>(Topics.FUNNEL_EVENTS.name(), 0, 0, BROKER_TIME, TimestampType.CREATE_TIME, 0,
                value.length, "L1", value, new RecordHeaders(), java.util.Optional.empty());
    }
}
