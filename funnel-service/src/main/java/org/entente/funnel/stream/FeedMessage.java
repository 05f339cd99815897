package org.entente.funnel.stream;

import org.apache.avro.specific.SpecificRecord;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelMetrics;

/** Something that just happened in the funnel, as the live feed relays it. */
public sealed interface FeedMessage {

    String organization();

    /** A valid funnel event, from the HTTP intake or published onto the topic by another application. */
    record Event(FunnelEvent event) implements FeedMessage {
        @Override
        public String organization() {
            return event.getOrganization();
        }
    }

    /** A {@code HandoffSlaBreached} or {@code EngagementRequested}. */
    record Alert(String organization, SpecificRecord alert) implements FeedMessage {
    }

    /** An organization's shared metrics after a change. */
    record Metrics(FunnelMetrics metrics) implements FeedMessage {
        @Override
        public String organization() {
            return metrics.getOrganization();
        }
    }
}
