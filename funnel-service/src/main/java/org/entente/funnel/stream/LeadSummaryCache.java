package org.entente.funnel.stream;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.entente.funnel.domain.LeadSummary;

/**
 * The lead summaries of the organizations one task recomputed lately, kept in memory so that recomputing an
 * organization replays only the leads that changed since its last recomputation, not every history in its store.
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
    /** By organization, least recently used first; each organization's leads by leadId (in no order). */
    private final LinkedHashMap<String, Map<String, LeadSummary>> byOrganization = new LinkedHashMap<>(16, 0.75f, true);
    private int size;

    LeadSummaryCache(int maxLeads) {
        this.maxLeads = maxLeads;
    }

    /**
     * Every lead of {@code organization} (without its history), after the leads in {@code changed} (by leadId) took
     * their new summaries (whose histories the store already holds); what is read from the store is replayed under
     * the organization's handoff SLA.
     */
    List<LeadSummary> leads(String organization, Map<String, LeadSummary> changed,
            ReadOnlyKeyValueStore<String, byte[]> store, Duration sla) {
        Map<String, LeadSummary> leads = byOrganization.get(organization);
        if (leads == null) {
            leads = new HashMap<>();
            for (LeadSummary lead : OrganizationProcessor.summaries(store, organization, sla, changed.keySet())) {
                leads.put(lead.leadId(), lead.withoutHistory());
            }
            byOrganization.put(organization, leads);
            size += leads.size();
        }
        for (LeadSummary lead : changed.values()) {
            if (leads.put(lead.leadId(), lead.withoutHistory()) == null) {
                size++;
            }
        }
        List<LeadSummary> all = List.copyOf(leads.values());
        dropLeastRecentlyUsed();
        return all;
    }

    /** How many leads it holds, over every organization. */
    int size() {
        return size;
    }

    void clear() {
        byOrganization.clear();
        size = 0;
    }

    private void dropLeastRecentlyUsed() {
        Iterator<Map<String, LeadSummary>> eldestFirst = byOrganization.values().iterator();
        while (size > maxLeads && byOrganization.size() > 1) {
            size -= eldestFirst.next().size();
            eldestFirst.remove();
        }
    }
}
