package org.entente.funnel.stream;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.entente.events.FunnelMetrics;
import org.entente.funnel.domain.FunnelMetricsCalculator;
import org.entente.funnel.domain.FunnelSettings;
import org.entente.funnel.domain.LeadSummary;
import org.entente.funnel.domain.TopAccounts;
import org.entente.schemas.Topics;
import org.entente.support.streams.ServiceStreams;
import org.springframework.stereotype.Component;

/**
 * Reads the topology's organization stores on this instance: the metrics of an organization (as last published, else
 * computed from its leads), and its leads (replayed from their histories) and top accounts.
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

    /**
     * The organization's all-time metrics as the topology last published them; for an organization whose task
     * started on this instance after its last publication (the store is in memory, not restored), computed from its
     * lead histories, which gives the same metrics; empty for an organization without leads.
     */
    public Optional<FunnelMetrics> metrics(String organization) {
        byte[] published = this.<byte[]>store(FunnelTopology.ORGANIZATION_METRICS).get(organization);
        if (published != null) {
            return Optional.of(Topics.FUNNEL_METRICS.valueSerde().deserializer()
                    .deserialize(Topics.FUNNEL_METRICS.name(), published));
        }
        List<LeadSummary> leads = leads(organization);
        return leads.isEmpty() ? Optional.empty()
                : Optional.of(FunnelMetricsCalculator.compute(organization, leads));
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
