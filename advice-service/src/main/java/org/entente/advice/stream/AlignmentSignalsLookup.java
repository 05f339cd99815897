package org.entente.advice.stream;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.entente.advice.domain.AlignmentSignals;
import org.entente.events.FunnelMetrics;
import org.entente.schemas.Topics;

/**
 * Reads the funnel's latest metrics for an organization from the global store that mirrors the funnel metrics topic.
 * The store keeps the topic's bytes as they are (so restoring it is a plain copy); they are decoded on read, and
 * anything that does not decode counts as "no signals".
 */
final class AlignmentSignalsLookup {

    private final ReadOnlyKeyValueStore<String, byte[]> store;

    AlignmentSignalsLookup(ReadOnlyKeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    AlignmentSignals forOrganization(String organization) {
        if (organization == null) {
            return null;
        }
        byte[] bytes = store.get(organization);
        if (bytes == null) {
            return null;
        }
        try {
            FunnelMetrics metrics = Topics.FUNNEL_METRICS.valueSerde().deserializer()
                    .deserialize(Topics.FUNNEL_METRICS.name(), bytes);
            return metrics == null ? null : EventMapping.signals(metrics);
        } catch (SerializationException e) {
            return null;
        }
    }
}
