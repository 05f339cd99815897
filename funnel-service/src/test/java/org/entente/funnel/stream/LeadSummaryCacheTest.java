package org.entente.funnel.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entente.funnel.FunnelEvents.hours;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelStep;
import org.entente.funnel.FunnelEvents;
import org.entente.funnel.domain.FunnelMetricsCalculator;
import org.entente.funnel.domain.LeadHistory;
import org.entente.funnel.domain.LeadSummary;
import org.junit.jupiter.api.Test;

/**
 * The organization step's lead summaries in memory: read from the history store once per organization (but for the
 * leads handed over with the request, which are not decoded again), kept without their histories, up to a number of
 * leads.
 */
class LeadSummaryCacheTest {

    private static final Duration SLA = Duration.ofHours(24);

    private final FunnelEvents acme = FunnelEvents.of("acme");
    private final FunnelEvents globex = FunnelEvents.of("globex");
    private final KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(FunnelTopology.LEAD_HISTORIES), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled().build();

    LeadSummaryCacheTest() {
        MockProcessorContext<String, Object> context = new MockProcessorContext<>(config());
        store.init(context.getStateStoreContext(), store);
    }

    @Test
    void anOrganizationIsReadFromTheStoreOnceWithoutDecodingTheLeadsHandedOver() {
        LeadSummaryCache cache = new LeadSummaryCache(100);
        stored(acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS, hours(1)));
        LeadSummary l2 = stored(acme.entered("e2", "L2", FunnelStep.BRAND_CONSIDERATION, hours(2)));
        // L2's stored bytes are not a history: decoding them would fail, so this proves they are not decoded
        store.put(LeadProcessor.leadKey("acme", "L2"), "not a history".getBytes(StandardCharsets.UTF_8));

        Collection<LeadSummary> first = cache.organization("acme", Map.of("L2", l2), store, SLA).leads();

        assertThat(first).extracting(LeadSummary::leadId).containsExactlyInAnyOrder("L1", "L2");
        assertThat(first).extracting(LeadSummary::step)
                .containsExactlyInAnyOrder(FunnelStep.BRAND_AWARENESS, FunnelStep.BRAND_CONSIDERATION);
        assertThat(first).as("kept without the events they were replayed from").allSatisfy(lead ->
                assertThat(lead.history()).isNull());

        // once read, the organization comes from memory: a history put straight into the store is not seen ...
        stored(acme.entered("e3", "L3", FunnelStep.BRAND_AWARENESS, hours(3)));
        LeadSummary l1 = stored(acme.entered("e4", "L1", FunnelStep.BRAND_PREFERENCE, hours(4)));
        LeadSummaryCache.Organization acmeKept = cache.organization("acme", Map.of("L1", l1), store, SLA);
        Collection<LeadSummary> second = acmeKept.leads();
        // ... only the changed leads handed over are
        assertThat(second).extracting(LeadSummary::leadId).containsExactlyInAnyOrder("L1", "L2");
        assertThat(second).filteredOn(lead -> lead.leadId().equals("L1")).singleElement()
                .extracting(LeadSummary::step).isEqualTo(FunnelStep.BRAND_PREFERENCE);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(acmeKept.metrics("acme")).as("the running totals count L1 where it is now")
                .isEqualTo(FunnelMetricsCalculator.compute("acme", second));
        assertThat(acmeKept.metrics("acme").getLeadsAtStep())
                .containsEntry(FunnelStep.BRAND_PREFERENCE.name(), 1L)
                .containsEntry(FunnelStep.BRAND_CONSIDERATION.name(), 1L)
                .containsEntry(FunnelStep.BRAND_AWARENESS.name(), 0L);
    }

    @Test
    void theOrganizationsUsedLeastRecentlyAreDroppedAndReadAgainWhenNextAskedFor() {
        LeadSummaryCache cache = new LeadSummaryCache(2);
        stored(acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS, hours(1)));
        stored(acme.entered("e2", "L2", FunnelStep.BRAND_AWARENESS, hours(1)));
        stored(globex.entered("g1", "G1", FunnelStep.BRAND_AWARENESS, hours(1)));
        assertThat(cache.organization("acme", Map.of(), store, SLA).leads()).hasSize(2);

        assertThat(cache.organization("globex", Map.of(), store, SLA).leads()).hasSize(1);
        assertThat(cache.size()).as("acme dropped: three leads are more than two").isEqualTo(1);

        stored(acme.entered("e3", "L3", FunnelStep.BRAND_AWARENESS, hours(2)));
        assertThat(cache.organization("acme", Map.of(), store, SLA).leads()).as("read from the store again")
                .extracting(LeadSummary::leadId).containsExactlyInAnyOrder("L1", "L2", "L3");
        assertThat(cache.size()).as("the one just asked for is kept even beyond the bound").isEqualTo(3);
    }

    /** Stores the lead's history with this one event, as the lead step does; its summary as the lead step hands it. */
    private LeadSummary stored(FunnelEvent event) {
        LeadHistory history = LeadHistory.empty(event.getOrganization(), event.getLeadId())
                .with(FunnelEvents.lead(event));
        store.put(LeadProcessor.leadKey(event.getOrganization(), event.getLeadId()), StoredState.encoded(history));
        return history.summarize(SLA);
    }

    private static Properties config() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "lead-summary-cache-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return config;
    }
}
