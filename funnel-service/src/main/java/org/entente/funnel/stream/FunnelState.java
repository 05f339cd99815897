package org.entente.funnel.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.entente.events.FunnelMetrics;
import org.entente.funnel.domain.LeadSummary;
import org.entente.support.streams.ServiceStreams;
import org.springframework.stereotype.Component;

/**
 * Reads the topology's organization stores on this instance: the metrics and the lead summaries of an organization.
 * It answers for the organizations whose partition this instance holds; a query for another organization is relayed
 * to the instance that holds it before it reaches the web layer (the shared owner relay, routes in
 * {@code RelayConfig}), so it only asks here for organizations held here.
 */
@Component
public class FunnelState {

    private final ServiceStreams streams;

    public FunnelState(ServiceStreams streams) {
        this.streams = streams;
    }

    public Optional<FunnelMetrics> metrics(String organization) {
        return Optional.ofNullable(this.<FunnelMetrics>store(FunnelTopology.ORGANIZATION_METRICS).get(organization));
    }

    public List<LeadSummary> leads(String organization) {
        List<LeadSummary> leads = new ArrayList<>();
        try (KeyValueIterator<String, LeadSummary> it = this.<LeadSummary>store(FunnelTopology.ORGANIZATION_LEADS)
                .prefixScan(organization + FunnelTopology.KEY_SEPARATOR, new StringSerializer())) {
            it.forEachRemaining(kv -> leads.add(kv.value));
        }
        return leads;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.keyValueStore(name);
    }
}
