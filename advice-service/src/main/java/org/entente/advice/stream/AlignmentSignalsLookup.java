package org.entente.advice.stream;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.entente.advice.domain.AlignmentSignals;
import org.entente.events.FunnelMetrics;
import org.entente.schemas.Topics;

/**
 * Reads the funnel's latest metrics for an organization from the global table of the funnel metrics topic. The table
 * keeps the topic's bytes as they are; they are decoded on read, and anything that does not decode counts as
 * "no signals".
 */
final class AlignmentSignalsLookup {

    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<byte[]>> store;

    AlignmentSignalsLookup(ReadOnlyKeyValueStore<String, ValueAndTimestamp<byte[]>> store) {
        this.store = store;
    }

    AlignmentSignals forOrganization(String organization) {
        if (organization == null) {
            return null;
        }
        ValueAndTimestamp<byte[]> entry = store.get(organization);
        byte[] bytes = entry == null ? null : entry.value();
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
