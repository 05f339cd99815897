package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's funnel story: a quarter of history, in event-time order, with ids that do not change between runs. */
class DemoFunnelStoryTest {

    private static final Instant NOW = Instant.parse("2026-12-05T23:00:00Z");

    @Test
    void loadingTheDemoAgainSendsTheSameEventIdsSoTheFunnelCountsThemOnce() {
        List<String> first = Demo.funnelStory(NOW).stream().map(Demo.FunnelStoryEvent::eventId).toList();
        List<String> later = Demo.funnelStory(NOW.plus(Duration.ofDays(3))).stream()
                .map(Demo.FunnelStoryEvent::eventId).toList();

        assertThat(first).doesNotHaveDuplicates().hasSizeGreaterThan(40).isEqualTo(later);
        assertThat(Demo.funnelStory(NOW)).allSatisfy(e -> assertThat(e.json())
                .contains("\"eventId\":\"" + e.eventId() + "\"", "\"occurredAt\":\"" + e.occurredAt() + "\""));
    }

    @Test
    void theStorySpansAQuarterInEventTimeOrderAndNothingLiesInTheFuture() {
        List<Demo.FunnelStoryEvent> story = Demo.funnelStory(NOW);

        assertThat(story).extracting(Demo.FunnelStoryEvent::occurredAt).isSorted()
                .allSatisfy(at -> assertThat(at).isBefore(NOW));
        assertThat(story.get(0).occurredAt()).isBefore(NOW.minus(Duration.ofDays(80)));
        assertThat(story).filteredOn(e -> e.json().contains("\"type\":\"WON\"")).extracting(
                e -> Duration.between(e.occurredAt(), NOW).toDays() / 30).as("wins in each of the last three months")
                .containsExactlyInAnyOrder(2L, 1L, 0L);
    }

    @Test
    void theStoryFiresRulesOfEngagement() {
        List<String> bodies = Demo.funnelStory(NOW).stream().map(Demo.FunnelStoryEvent::json).toList();

        assertThat(bodies).as("an open opportunity above $2,000,000")
                .anyMatch(b -> b.contains("\"amountCents\":250000000") && b.contains("STAGE_ENTERED"));
        assertThat(bodies).anyMatch(b -> b.contains("\"status\":\"REQUESTED\""))
                .anyMatch(b -> b.contains("\"status\":\"APPROVED\""));
    }
}
