package org.entente.funnel.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.Serde;
import org.entente.events.FunnelEvent;
import org.entente.funnel.domain.LeadEvent;
import org.entente.funnel.domain.LeadHistory;
import org.entente.funnel.domain.TopAccounts;
import org.entente.internal.funnel.LeadHistoryState;
import org.entente.internal.funnel.OrganizationChange;
import org.entente.internal.funnel.SlaClock;
import org.entente.internal.funnel.TopAccount;
import org.entente.internal.funnel.TopAccountsState;
import org.entente.schemas.EventSerde;
import org.entente.schemas.SchemaHistory;

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
        // every field is set, so the builder's defaults and checks would only cost time (a history is stored at
        // every event)
        return new LeadHistoryState(history.organization(), history.leadId(),
                history.events().stream().map(LeadEvent::toEvent).toList(), sorted(history.breachedHandoffs()),
                sorted(history.raisedRules()), sorted(history.breachedReviews()));
    }

    /** The set in its natural order, so that the same history always encodes to the same bytes. */
    private static <T extends Comparable<? super T>> List<T> sorted(Set<T> values) {
        return values.isEmpty() ? List.of() : List.copyOf(new TreeSet<>(values));
    }

    /**
     * The history as the history store keeps it: a single-object-encoded {@link LeadHistoryState}. The store holds
     * the bytes (not the record) so that a reader decodes only the histories it needs.
     */
    static byte[] encoded(LeadHistory history) {
        return HISTORIES.serializer().serialize(FunnelTopology.LEAD_HISTORIES, stored(history));
    }

    /** The fingerprint of the {@code FunnelEvent} schema this build writes. */
    private static final long CURRENT_EVENT = SchemaHistory.fingerprint(FunnelEvent.getClassSchema());
    private static final byte[] HISTORY_HEADER =
            EventSerde.header(SchemaHistory.fingerprint(LeadHistoryState.getClassSchema()));

    /**
     * {@link #encoded(LeadHistory)}, but with its event {@code eventId} copied from the bytes it was {@code published}
     * with rather than encoded again, when they were written with the {@code FunnelEvent} schema of this build: their
     * body is then the Avro encoding of that event, the same bytes encoding it again would give (the history keeps
     * the event as published). Bytes of another schema version are not copied: the history is encoded as usual.
     * Encoding the events was the larger part of storing a history.
     */
    static byte[] encoded(LeadHistory history, String eventId, byte[] published) {
        if (!EventSerde.writtenWith(published, CURRENT_EVENT)) {
            return encoded(history);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(published.length + 128);
        out.writeBytes(HISTORY_HEADER);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODER.get());
        ENCODER.set(encoder);
        try {
            new PublishedEventWriter(eventId, published).write(stored(history), encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the history of " + history.leadId(), e);
        }
        return out.toByteArray();
    }

    /** Each stream thread's encoder, pointed at a new output for each history (it is flushed before that returns). */
    private static final ThreadLocal<BinaryEncoder> ENCODER = new ThreadLocal<>();

    /** Writes a {@link LeadHistoryState} as Avro does, but one of its events as the bytes it was published with. */
    private static final class PublishedEventWriter extends SpecificDatumWriter<LeadHistoryState> {

        private final String eventId;
        private final byte[] published;

        PublishedEventWriter(String eventId, byte[] published) {
            super(LeadHistoryState.getClassSchema(), SpecificData.getForClass(LeadHistoryState.class));
            this.eventId = eventId;
            this.published = published;
        }

        @Override
        protected void writeRecord(Schema schema, Object datum, Encoder out) throws IOException {
            if (datum instanceof FunnelEvent event && event.getEventId().equals(eventId)) {
                out.writeFixed(published, EventSerde.HEADER_LENGTH, published.length - EventSerde.HEADER_LENGTH);
            } else {
                super.writeRecord(schema, datum, out);
            }
        }
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
