package org.entente.funnel.stream;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.entente.events.FunnelMetrics;
import org.entente.funnel.domain.FunnelTally;
import org.entente.funnel.domain.LeadSummary;
import org.entente.funnel.domain.TopAccounts;

/**
 * The lead summaries of the organizations one task published lately, with each organization's all-time metrics and
 * top accounts as running totals over them ({@link Organization}), kept in memory so that publishing an organization
 * costs the leads that changed since its last publication: they are replayed from their histories, and their part in
 * the totals is replaced. Neither every history in its store nor every lead's summary is read again.
 *
 * <p>It is a copy of the organization store, never the truth: an organization is read from the store (decoded and
 * replayed lead by lead, except the leads whose new summaries are handed over with the request: their histories are
 * in the store too, but are not decoded again) the first time it is asked for, then kept up to date with the
 * summaries of the leads that change; the processor empties it whenever its task is initialized (a restart, a
 * rebalance, a transaction aborted), as the store is what was committed. While it holds more than {@code maxLeads}
 * leads, the organizations used least recently are dropped (never the one just asked for), to be read from the store
 * again when next asked for.
 *
 * <p>It keeps each summary without the history it was replayed from ({@link LeadSummary#withoutHistory}): the
 * all-time metrics and the top accounts never read it, and the events were most of a cached lead's memory. It does
 * not share summaries between tasks or with the web layer's queries, which replay from the store.
 */
final class LeadSummaryCache {

    private final int maxLeads;
    /** By organization, least recently used first. */
    private final LinkedHashMap<String, Organization> byOrganization = new LinkedHashMap<>(16, 0.75f, true);
    private int size;

    /**
     * One organization's leads by leadId, and its all-time metrics and top accounts as running totals over them: a
     * changed lead's previous summary is taken back and its new one added, so nothing is recomputed over all leads.
     */
    static final class Organization {

        private final Map<String, LeadSummary> leads = new HashMap<>();
        private final FunnelTally tally = new FunnelTally();
        private final TopAccounts accounts = new TopAccounts();

        /** Takes the lead's new summary (without its history); true when the lead was not counted before. */
        private boolean put(LeadSummary lead) {
            LeadSummary kept = lead.withoutHistory();
            LeadSummary previous = leads.put(kept.leadId(), kept);
            tally.replace(previous, kept);
            accounts.replace(previous, kept);
            return previous == null;
        }

        /** Every lead, without its history. */
        Collection<LeadSummary> leads() {
            return Collections.unmodifiableCollection(leads.values());
        }

        FunnelMetrics metrics(String organization) {
            return tally.metrics(organization);
        }

        List<TopAccounts.Account> topAccounts(int size) {
            return accounts.top(size);
        }
    }

    LeadSummaryCache(int maxLeads) {
        this.maxLeads = maxLeads;
    }

    /**
     * The organization's leads, after the leads in {@code changed} (by leadId) took their new summaries (whose
     * histories the store already holds); what is read from the store is replayed under the organization's handoff
     * SLA. What is returned stays valid until the next call.
     */
    Organization organization(String organization, Map<String, LeadSummary> changed,
            ReadOnlyKeyValueStore<String, byte[]> store, Duration sla) {
        Organization kept = byOrganization.get(organization);
        if (kept == null) {
            kept = new Organization();
            for (LeadSummary lead : OrganizationProcessor.summaries(store, organization, sla, changed.keySet())) {
                kept.put(lead);
            }
            byOrganization.put(organization, kept);
            size += kept.leads.size();
        }
        for (LeadSummary lead : changed.values()) {
            if (kept.put(lead)) {
                size++;
            }
        }
        dropLeastRecentlyUsed();
        return kept;
    }

    /** How many leads it holds, over every organization. */
    int size() {
        return size;
    }

    void clear() {
        byOrganization.clear();
        size = 0;
    }

    /** Never the organization just asked for: it is the most recently used, so the last to be reached. */
    private void dropLeastRecentlyUsed() {
        Iterator<Organization> eldestFirst = byOrganization.values().iterator();
        while (size > maxLeads && byOrganization.size() > 1) {
            size -= eldestFirst.next().leads.size();
            eldestFirst.remove();
        }
    }
}
