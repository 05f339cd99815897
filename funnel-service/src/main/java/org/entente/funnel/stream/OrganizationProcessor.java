package org.entente.funnel.stream;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.entente.events.FunnelMetrics;
import org.entente.funnel.domain.FunnelMetricsCalculator;
import org.entente.funnel.domain.LeadSummary;

/**
 * Folds lead summaries, partitioned by organization, into each organization's shared metrics: keeps the latest
 * summary of every lead and recomputes the metrics from all of them on each change, then emits them keyed by
 * organization. Recomputing from scratch keeps medians and distinct counts exact; it reads every lead of the
 * organization per change, which is fine for thousands of leads, not yet for millions.
 */
final class OrganizationProcessor implements Processor<String, LeadSummary, String, FunnelMetrics> {

    private ProcessorContext<String, FunnelMetrics> context;
    private KeyValueStore<String, LeadSummary> leads;
    private KeyValueStore<String, FunnelMetrics> metrics;

    @Override
    public void init(ProcessorContext<String, FunnelMetrics> context) {
        this.context = context;
        this.leads = context.getStateStore(FunnelTopology.ORGANIZATION_LEADS);
        this.metrics = context.getStateStore(FunnelTopology.ORGANIZATION_METRICS);
    }

    @Override
    public void process(Record<String, LeadSummary> record) {
        String organization = record.key();
        LeadSummary summary = record.value();
        leads.put(LeadProcessor.leadKey(organization, summary.leadId()), summary);
        List<LeadSummary> all = new ArrayList<>();
        try (KeyValueIterator<String, LeadSummary> it =
                leads.prefixScan(organization + FunnelTopology.KEY_SEPARATOR, new StringSerializer())) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        FunnelMetrics current = FunnelMetricsCalculator.compute(organization, all);
        metrics.put(organization, current);
        context.forward(new Record<>(organization, current, record.timestamp()));
    }
}
