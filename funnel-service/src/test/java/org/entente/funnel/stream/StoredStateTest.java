package org.entente.funnel.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entente.funnel.FunnelEvents.hours;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;
import org.entente.events.Team;
import org.entente.funnel.FunnelEvents;
import org.entente.funnel.domain.LeadHistory;
import org.entente.schemas.EventSerde;
import org.entente.schemas.SchemaHistory;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.Test;

/** The history store's bytes: the event just taken in is kept as it was published, the same bytes Avro would write. */
class StoredStateTest {

    private final FunnelEvents acme = FunnelEvents.of("acme");

    @Test
    void aHistoryWithItsNewEventCopiedAsPublishedIsTheHistoryAvroWouldWrite() {
        FunnelEvent earlier = acme.handedOff("e0", "L1", hours(1));
        for (FunnelEvent event : List.of(
                acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS, hours(2)),
                acme.accepted("e2", "L1", hours(3)),
                acme.rejected("e3", "L1", "not ready", hours(3)),
                acme.won("e4", "L1", "A1", 250_000_000L, 40_000_000L, hours(4)),
                acme.contributed("e5", "L1", Team.MARKETING, FunnelStep.PURCHASE,
                        MarketingContribution.CASE_STUDY, hours(5)),
                acme.reviewRequested("e6", "L1", "deck", hours(6)))) {
            byte[] published = publish(event);
            LeadHistory history = LeadHistory.empty("acme", "L1").with(FunnelEvents.lead(earlier))
                    .with(FunnelEvents.lead(event)).withRaisedRule("big-opportunity");

            byte[] copied = StoredState.encoded(history, event.getEventId(), published);

            assertThat(copied).as(event.getEventId()).isEqualTo(StoredState.encoded(history));
            assertThat(StoredState.history(copied)).isEqualTo(history);
        }
    }

    @Test
    void theEventIsCopiedFromItsPublishedBytesOnlyWhenTheyAreOfThisBuildsSchema() throws IOException {
        FunnelEvent event = acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS, hours(2));
        LeadHistory history = LeadHistory.empty("acme", "L1").with(FunnelEvents.lead(event));
        // published by another actor's hand than the history says: what is stored shows which bytes were used
        FunnelEvent asPublished = FunnelEvent.newBuilder(event).setActor("published-actor").build();

        LeadHistory copied = StoredState.history(StoredState.encoded(history, "e1", publish(asPublished)));
        assertThat(copied.events()).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("published-actor"));

        Schema first = SchemaHistory.kept().versions(FunnelEvent.class).get(0);
        LeadHistory encodedAgain = StoredState.history(StoredState.encoded(history, "e1", writtenWith(first,
                asPublished)));
        assertThat(encodedAgain).as("an older version's bytes: encoded again").isEqualTo(history);
        assertThat(StoredState.history(StoredState.encoded(history, "another-event", publish(asPublished))))
                .as("bytes of another event: not copied").isEqualTo(history);
    }

    private static byte[] publish(FunnelEvent event) {
        return Topics.FUNNEL_EVENTS.valueSerde().serializer().serialize(Topics.FUNNEL_EVENTS.name(), event);
    }

    /** {@code event} written with an older schema version (the fields that version has). */
    private static byte[] writtenWith(Schema version, FunnelEvent event) throws IOException {
        GenericRecord old = new GenericData.Record(version);
        for (Schema.Field field : version.getFields()) {
            Object value = event.get(field.name());
            old.put(field.pos(), value instanceof Enum<?> symbol ? new GenericData.EnumSymbol(
                    field.schema().getType() == Schema.Type.UNION ? field.schema().getTypes().get(1) : field.schema(),
                    symbol.name()) : value instanceof java.time.Instant at ? at.toEpochMilli() : value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(EventSerde.header(SchemaHistory.fingerprint(version)));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(version).write(old, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
