package org.entente.funnel.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.entente.events.FunnelMetrics;
import org.entente.funnel.domain.EngagementPolicy;
import org.entente.funnel.domain.FunnelMetricsCalculator;
import org.entente.funnel.domain.FunnelSettings;
import org.entente.funnel.domain.LeadHistory;
import org.entente.funnel.domain.LeadSummary;
import org.entente.funnel.domain.TopAccounts;
import org.entente.internal.funnel.LeadHistoryState;
import org.entente.internal.funnel.TopAccountsState;

/**
 * Folds lead histories, partitioned by organization, into each organization's shared metrics and its top accounts:
 * keeps the latest history of every lead, replays them all on each change, recomputes the metrics and emits them
 * keyed by organization. Recomputing from scratch keeps medians and distinct counts exact; it reads and replays every
 * lead of the organization per change, which is fine for thousands of leads, not yet for millions.
 *
 * <p>It also runs the rule of engagement "invite Marketing to the reviews of the top accounts": the organization's
 * top accounts by open amount ({@link TopAccounts}) are kept, and each account that enters them raises one
 * {@code EngagementRequested} ({@value EngagementPolicy#TOP_ACCOUNTS_RULE}), keyed by the account's largest open
 * lead. An account that drops out and comes back is announced again.
 */
final class OrganizationProcessor implements Processor<String, LeadHistoryState, String, SpecificRecord> {

    private final FunnelSettings settings;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, LeadHistoryState> leads;
    private KeyValueStore<String, FunnelMetrics> metrics;
    private KeyValueStore<String, TopAccountsState> topAccounts;

    OrganizationProcessor(FunnelSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.leads = context.getStateStore(FunnelTopology.ORGANIZATION_LEADS);
        this.metrics = context.getStateStore(FunnelTopology.ORGANIZATION_METRICS);
        this.topAccounts = context.getStateStore(FunnelTopology.TOP_ACCOUNTS);
    }

    @Override
    public void process(Record<String, LeadHistoryState> record) {
        String organization = record.key();
        LeadHistory changed = StoredState.history(record.value());
        leads.put(LeadProcessor.leadKey(organization, changed.leadId()), record.value());
        List<LeadSummary> all = summaries(leads, organization, settings.slaFor(organization));
        FunnelMetrics current = FunnelMetricsCalculator.compute(organization, all);
        metrics.put(organization, current);
        context.forward(new Record<>(organization, current, record.timestamp()));

        EngagementPolicy policy = settings.policy();
        List<TopAccounts.Account> before = StoredState.accounts(topAccounts.get(organization));
        List<TopAccounts.Account> now = TopAccounts.of(all, policy.topAccounts());
        if (!now.equals(before)) {
            topAccounts.put(organization, StoredState.stored(organization, now));
        }
        String trigger = changed.events().isEmpty() ? "" : changed.events().get(changed.events().size() - 1).eventId();
        for (TopAccounts.Account account : TopAccounts.entered(before, now)) {
            context.forward(new Record<>(account.leadId(), Engagements.request(settings.directory(), organization,
                    account.leadId(), EngagementPolicy.TOP_ACCOUNTS_RULE, "Account " + account.accountId()
                            + " entered the top " + policy.topAccounts() + " accounts by open opportunity amount ("
                            + String.format(Locale.ROOT, "$%,d", account.openAmountCents() / 100) + "): invite Marketing to its account reviews.",
                    policy.topAccountsRole(), trigger, Instant.ofEpochMilli(record.timestamp())),
                    record.timestamp()));
        }
    }

    /** Every lead of {@code organization} in {@code store}, replayed under the organization's handoff SLA. */
    static List<LeadSummary> summaries(ReadOnlyKeyValueStore<String, LeadHistoryState> store, String organization,
            Duration sla) {
        List<LeadSummary> all = new ArrayList<>();
        try (KeyValueIterator<String, LeadHistoryState> it =
                store.prefixScan(organization + FunnelTopology.KEY_SEPARATOR, new StringSerializer())) {
            it.forEachRemaining(kv -> all.add(StoredState.history(kv.value).summarize(sla)));
        }
        return all;
    }
}
