package org.entente.funnel.stream;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.entente.events.FunnelMetrics;
import org.entente.funnel.domain.FunnelSettings;
import org.entente.funnel.domain.LeadSummary;
import org.entente.funnel.domain.TopAccounts;
import org.entente.support.streams.ServiceStreams;
import org.springframework.stereotype.Component;

/**
 * Reads the topology's organization stores on this instance: the metrics of an organization, and its leads (replayed
 * from their histories) and top accounts.
 * It answers for the organizations whose partition this instance holds; a query for another organization is relayed
 * to the instance that holds it before it reaches the web layer (the shared owner relay, routes in
 * {@code RelayConfig}), so it only asks here for organizations held here.
 */
@Component
public class FunnelState {

    private final ServiceStreams streams;
    private final FunnelSettings settings;

    public FunnelState(ServiceStreams streams, FunnelSettings settings) {
        this.streams = streams;
        this.settings = settings;
    }

    public Optional<FunnelMetrics> metrics(String organization) {
        return Optional.ofNullable(this.<FunnelMetrics>store(FunnelTopology.ORGANIZATION_METRICS).get(organization));
    }

    /** The organization's leads, replayed from their stored histories under its handoff SLA. */
    public List<LeadSummary> leads(String organization) {
        return OrganizationProcessor.summaries(this.<byte[]>store(FunnelTopology.LEAD_HISTORIES),
                organization, settings.slaFor(organization));
    }

    /** The organization's top accounts by open opportunity amount, as the rule of engagement counts them. */
    public List<TopAccounts.Account> topAccounts(String organization) {
        return TopAccounts.of(leads(organization), settings.policy().topAccounts());
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.keyValueStore(name);
    }
}
