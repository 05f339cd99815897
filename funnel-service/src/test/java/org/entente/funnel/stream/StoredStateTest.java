package org.entente.funnel.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entente.funnel.FunnelEvents.hours;

import java.util.List;
import org.apache.avro.Schema;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;
import org.entente.events.Team;
import org.entente.funnel.FunnelEvents;
import org.entente.funnel.domain.LeadHistory;
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
    void theEventIsCopiedFromItsPublishedBytesOnlyWhenTheyAreOfThisBuildsSchema() {
        FunnelEvent event = acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS, hours(2));
        LeadHistory history = LeadHistory.empty("acme", "L1").with(FunnelEvents.lead(event));
        // published by another actor's hand than the history says: what is stored shows which bytes were used
        FunnelEvent asPublished = FunnelEvent.newBuilder(event).setActor("published-actor").build();

        LeadHistory copied = StoredState.history(StoredState.encoded(history, "e1", publish(asPublished)));
        assertThat(copied.events()).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("published-actor"));

        Schema first = SchemaHistory.kept().versions(FunnelEvent.class).get(0);
        LeadHistory encodedAgain = StoredState.history(StoredState.encoded(history, "e1",
                FunnelEvents.writtenWith(first, asPublished)));
        assertThat(encodedAgain).as("an older version's bytes: encoded again").isEqualTo(history);
        assertThat(StoredState.history(StoredState.encoded(history, "another-event", publish(asPublished))))
                .as("bytes of another event: not copied").isEqualTo(history);
    }

    private static byte[] publish(FunnelEvent event) {
        return Topics.FUNNEL_EVENTS.valueSerde().serializer().serialize(Topics.FUNNEL_EVENTS.name(), event);
    }
}
