package org.entente.funnel.stream;

import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.entente.funnel.domain.LeadSummary;
import org.entente.internal.funnel.LeadHistoryState;

/**
 * The lead summaries of the organizations one task recomputed lately, kept in memory so that recomputing an
 * organization replays only the leads that changed since its last recomputation, not every history in its store.
 *
 * <p>It is a copy of the organization store, never the truth: an organization is read from the store (decoded and
 * replayed lead by lead) the first time it is asked for, then kept up to date with the summaries of the leads that
 * change; the processor empties it whenever its task is initialized (a restart, a rebalance, a transaction aborted),
 * as the store is what was committed. While it holds more than {@code maxLeads} leads, the organizations used least
 * recently are dropped (never the one just asked for), to be read from the store again when next asked for.
 * It does not share summaries between tasks or with the web layer's queries, which replay from the store.
 */
final class LeadSummaryCache {

    private final int maxLeads;
    /** By organization, least recently used first; each organization's leads by leadId, as the store orders them. */
    private final LinkedHashMap<String, Map<String, LeadSummary>> byOrganization = new LinkedHashMap<>(16, 0.75f, true);
    private int size;

    LeadSummaryCache(int maxLeads) {
        this.maxLeads = maxLeads;
    }

    /**
     * Every lead of {@code organization}, after the leads in {@code changed} took their new summaries (whose histories
     * the store already holds); what is read from the store is replayed under the organization's handoff SLA.
     */
    List<LeadSummary> leads(String organization, Collection<LeadSummary> changed,
            ReadOnlyKeyValueStore<String, LeadHistoryState> store, Duration sla) {
        Map<String, LeadSummary> leads = byOrganization.get(organization);
        if (leads == null) {
            leads = new TreeMap<>();
            for (LeadSummary lead : OrganizationProcessor.summaries(store, organization, sla)) {
                leads.put(lead.leadId(), lead);
            }
            byOrganization.put(organization, leads);
            size += leads.size();
        } else {
            for (LeadSummary lead : changed) {
                if (leads.put(lead.leadId(), lead) == null) {
                    size++;
                }
            }
        }
        List<LeadSummary> all = List.copyOf(leads.values());
        dropLeastRecentlyUsed();
        return all;
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
