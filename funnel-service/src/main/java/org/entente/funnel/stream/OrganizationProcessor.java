package org.entente.funnel.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.entente.events.FunnelMetrics;
import org.entente.funnel.domain.EngagementPolicy;
import org.entente.funnel.domain.FunnelSettings;
import org.entente.funnel.domain.LeadHistory;
import org.entente.funnel.domain.LeadSummary;
import org.entente.funnel.domain.TopAccounts;
import org.entente.internal.funnel.OrganizationChange;
import org.entente.internal.funnel.TopAccountsState;

/**
 * Folds the leads that {@link LeadProcessor} changed, in the same task (the topology is partitioned by organization),
 * into each organization's shared metrics and its top accounts. The lead step has already stored each changed lead's
 * history and hands over its summary; the organization's metrics and top accounts are brought up to date and
 * published once per commit interval (a wall-clock punctuation, 100 ms unless configured), for each organization
 * whose leads changed since, so the changes that arrive within one interval are published together. The metrics and
 * top accounts are running totals over the organization's lead summaries (medians and distinct counts exact), which
 * a {@link LeadSummaryCache} keeps in memory: only the leads that changed are replayed from their histories and
 * their part in the totals replaced (the others are read from the lead step's history store once after a restart).
 * The per-change cost is noting the summary; the per-interval cost is O(log n) for each lead that changed in the
 * interval, and the top accounts read; nothing grows with the organization's size but the memory its summaries
 * take.
 *
 * <p>Which organizations wait to be published is also stored ({@link OrganizationChange}, written with the first
 * change of each interval and removed when published): a punctuation that fires makes Kafka Streams commit, under
 * exactly_once_v2, what it published together with the removal, so a change committed before a stop is published
 * after it, never lost. The punctuation is scheduled only while something waits: an idle service commits nothing.
 *
 * <p>It also runs the rule of engagement "invite Marketing to the reviews of the top accounts": the organization's
 * top accounts by open amount ({@link TopAccounts}) are kept, and each account that enters them raises one
 * {@code EngagementRequested} ({@value EngagementPolicy#TOP_ACCOUNTS_RULE}), keyed by the account's largest open
 * lead, naming the latest event of the interval's latest changed lead. An account that drops out and comes back is
 * announced again. Both are judged once per interval: an account that enters and leaves the top within one interval
 * is not announced, and not every intermediate state of the metrics is published.
 */
final class OrganizationProcessor implements Processor<String, LeadOutput.LeadChanged, String, SpecificRecord> {

    /** The commit interval Kafka Streams uses under exactly-once when none is configured. */
    private static final long DEFAULT_INTERVAL_MS = 100;
    /** How many lead summaries one task keeps in memory at most (beside the organization being published). */
    static final int CACHED_LEADS = 20_000;

    private final FunnelSettings settings;
    private final LeadSummaryCache cache = new LeadSummaryCache(CACHED_LEADS);
    /** Organizations whose leads changed since the last punctuation: the latest change, and the leads changed. */
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, byte[]> leads;
    private KeyValueStore<String, FunnelMetrics> metrics;
    private KeyValueStore<String, TopAccountsState> topAccounts;
    private KeyValueStore<String, OrganizationChange> changes;
    private Cancellable punctuation;

    /** An organization waiting to be published: its latest change, and its leads' new summaries since the last. */
    private record Waiting(OrganizationChange latest, Map<String, LeadSummary> leads) {
    }

    OrganizationProcessor(FunnelSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.leads = context.getStateStore(FunnelTopology.LEAD_HISTORIES);
        this.metrics = context.getStateStore(FunnelTopology.ORGANIZATION_METRICS);
        this.topAccounts = context.getStateStore(FunnelTopology.TOP_ACCOUNTS);
        this.changes = context.getStateStore(FunnelTopology.ORGANIZATION_CHANGES);
        this.cache.clear();
        this.waiting.clear();
        this.punctuation = null;
        // the stores are restored before a processor is initialized: what waited when the task last stopped
        try (KeyValueIterator<String, OrganizationChange> stored = changes.all()) {
            stored.forEachRemaining(kv -> waiting.put(kv.key, new Waiting(kv.value, new LinkedHashMap<>())));
        }
        if (!waiting.isEmpty()) {
            schedulePublishing();
        }
    }

    @Override
    public void process(Record<String, LeadOutput.LeadChanged> record) {
        LeadHistory changed = record.value().history();
        String organization = changed.organization();
        String trigger = changed.events().isEmpty() ? "" : changed.events().get(changed.events().size() - 1).eventId();
        OrganizationChange change = new OrganizationChange(organization, Instant.ofEpochMilli(record.timestamp()),
                trigger);
        Waiting before = waiting.get(organization);
        Map<String, LeadSummary> changedLeads = before == null ? new LinkedHashMap<>() : before.leads();
        changedLeads.put(changed.leadId(), record.value().summary().withoutHistory());
        if (before == null) {
            changes.put(organization, change); // once per interval: enough to publish after a stop
        }
        waiting.put(organization, new Waiting(change, changedLeads));
        schedulePublishing();
    }

    @Override
    public void close() {
        cache.clear();
        waiting.clear();
    }

    private void schedulePublishing() {
        if (punctuation == null) {
            punctuation = context.schedule(Duration.ofMillis(interval(context.appConfigs())),
                    PunctuationType.WALL_CLOCK_TIME, now -> publishWaiting());
        }
    }

    private static long interval(Map<String, Object> appConfigs) {
        Object configured = appConfigs.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        return Math.max(1, configured == null ? DEFAULT_INTERVAL_MS : Long.parseLong(configured.toString()));
    }

    /** Once per interval: each organization whose leads changed is brought up to date and published once. */
    private void publishWaiting() {
        for (Map.Entry<String, Waiting> entry : waiting.entrySet()) {
            publish(entry.getKey(), entry.getValue());
            changes.delete(entry.getKey());
        }
        waiting.clear();
        punctuation.cancel();
        punctuation = null;
    }

    private void publish(String organization, Waiting waiting) {
        long timestamp = waiting.latest().getChangedAt().toEpochMilli();
        LeadSummaryCache.Organization kept = cache.organization(organization, waiting.leads(), leads,
                settings.slaFor(organization));
        FunnelMetrics current = kept.metrics(organization);
        metrics.put(organization, current);
        context.forward(new Record<>(organization, current, timestamp));

        EngagementPolicy policy = settings.policy();
        List<TopAccounts.Account> before = StoredState.accounts(topAccounts.get(organization));
        List<TopAccounts.Account> now = kept.topAccounts(policy.topAccounts());
        if (!now.equals(before)) {
            topAccounts.put(organization, StoredState.stored(organization, now));
        }
        for (TopAccounts.Account account : TopAccounts.entered(before, now)) {
            context.forward(new Record<>(account.leadId(), Engagements.request(settings.directory(), organization,
                    account.leadId(), EngagementPolicy.TOP_ACCOUNTS_RULE, "Account " + account.accountId()
                            + " entered the top " + policy.topAccounts() + " accounts by open opportunity amount ("
                            + String.format(Locale.ROOT, "$%,d", account.openAmountCents() / 100) + "): invite Marketing to its account reviews.",
                    policy.topAccountsRole(), waiting.latest().getTriggeredByEventId(), waiting.latest().getChangedAt()),
                    timestamp));
        }
    }

    /** Every lead of {@code organization} in {@code store}, replayed under the organization's handoff SLA. */
    static List<LeadSummary> summaries(ReadOnlyKeyValueStore<String, byte[]> store, String organization,
            Duration sla) {
        return summaries(store, organization, sla, Set.of());
    }

    /**
     * The leads of {@code organization} in {@code store} but those named in {@code skipped} (leadIds), replayed under
     * the organization's handoff SLA: a skipped lead's history is not even decoded.
     */
    static List<LeadSummary> summaries(ReadOnlyKeyValueStore<String, byte[]> store, String organization,
            Duration sla, Set<String> skipped) {
        String prefix = organization + FunnelTopology.KEY_SEPARATOR;
        List<LeadSummary> all = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, new StringSerializer())) {
            it.forEachRemaining(kv -> {
                if (!skipped.contains(kv.key.substring(prefix.length()))) {
                    all.add(StoredState.history(kv.value).summarize(sla));
                }
            });
        }
        return all;
    }
}
