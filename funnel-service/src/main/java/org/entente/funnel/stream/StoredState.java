package org.entente.funnel.stream;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serde;
import org.entente.funnel.domain.LeadEvent;
import org.entente.funnel.domain.LeadHistory;
import org.entente.funnel.domain.TopAccounts;
import org.entente.internal.funnel.LeadHistoryState;
import org.entente.internal.funnel.OrganizationChange;
import org.entente.internal.funnel.SlaClock;
import org.entente.internal.funnel.TopAccount;
import org.entente.internal.funnel.TopAccountsState;
import org.entente.schemas.EventSerde;

/**
 * The funnel's stored state in Avro, and its mapping to and from the plain {@code domain} classes: a lead's history
 * ({@link LeadHistoryState}: its events as the contract's {@code FunnelEvent}s, what was announced about it), a
 * running SLA clock ({@link SlaClock}), an organization's top accounts ({@link TopAccountsState}) and an
 * organization whose changes wait to be published ({@link OrganizationChange}).
 * The records live in {@code schemas} ({@code org.entente.internal.funnel}) with a kept history and the same
 * compatibility test as the public contracts, so a store written by one version reads in the next; values are
 * single-object encoded like every event (the history store holds those bytes as they are, {@link #encoded}, so that
 * a scan decodes only the histories it needs). Lead summaries are not stored: they are replayed from the history (and kept in memory by
 * {@link LeadSummaryCache}).
 */
final class StoredState {

    static final Serde<LeadHistoryState> HISTORIES = EventSerde.of(LeadHistoryState.class);
    static final Serde<SlaClock> CLOCKS = EventSerde.of(SlaClock.class);
    static final Serde<TopAccountsState> TOP_ACCOUNTS =
            EventSerde.of(TopAccountsState.class);
    static final Serde<OrganizationChange> CHANGES = EventSerde.of(OrganizationChange.class);

    private StoredState() {
    }

    static LeadHistoryState stored(LeadHistory history) {
        return LeadHistoryState.newBuilder()
                .setOrganization(history.organization())
                .setLeadId(history.leadId())
                .setEvents(history.events().stream().map(LeadEvent::toEvent).toList())
                .setBreachedHandoffs(List.copyOf(new TreeSet<>(history.breachedHandoffs())))
                .setRaisedRules(List.copyOf(new TreeSet<>(history.raisedRules())))
                .setBreachedReviews(List.copyOf(new TreeSet<>(history.breachedReviews())))
                .build();
    }

    /**
     * The history as the history store keeps it: a single-object-encoded {@link LeadHistoryState}. The store holds
     * the bytes (not the record) so that a reader decodes only the histories it needs.
     */
    static byte[] encoded(LeadHistory history) {
        return HISTORIES.serializer().serialize(FunnelTopology.LEAD_HISTORIES, stored(history));
    }

    /** The history in the history store's {@code bytes}; null for null. */
    static LeadHistory history(byte[] bytes) {
        return history(HISTORIES.deserializer().deserialize(FunnelTopology.LEAD_HISTORIES, bytes));
    }

    /** The history kept in {@code stored}; null for null. */
    static LeadHistory history(LeadHistoryState stored) {
        if (stored == null) {
            return null;
        }
        return new LeadHistory(stored.getOrganization(), stored.getLeadId(),
                stored.getEvents().stream().map(LeadEvent::from).toList(), Set.copyOf(stored.getBreachedHandoffs()),
                Set.copyOf(stored.getRaisedRules()), Set.copyOf(stored.getBreachedReviews()));
    }

    static TopAccountsState stored(String organization, List<TopAccounts.Account> accounts) {
        return new TopAccountsState(organization, accounts.stream()
                .map(a -> new TopAccount(a.accountId(), a.openAmountCents(), a.leadId())).toList());
    }

    /** The accounts kept in {@code stored}; empty for null. */
    static List<TopAccounts.Account> accounts(TopAccountsState stored) {
        return stored == null ? List.of() : stored.getAccounts().stream()
                .map(a -> new TopAccounts.Account(a.getAccountId(), a.getOpenAmountCents(), a.getLeadId())).toList();
    }
}
