package org.entente.funnel.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entente.funnel.FunnelEvents.hours;

import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelMetrics;
import org.entente.events.FunnelStep;
import org.entente.funnel.FunnelEvents;
import org.entente.funnel.domain.FunnelSettings;
import org.entente.funnel.domain.LeadHistory;
import org.entente.internal.funnel.LeadHistoryState;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.Test;

/**
 * The organization processor across a stop: a change stored but not yet published when its task stopped is published
 * by the processor that takes the task over (the stores outlive the processor, as a changelog restores them).
 */
class OrganizationProcessorTest {

    private final FunnelEvents acme = FunnelEvents.of("acme");
    private final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>(config());

    OrganizationProcessorTest() {
        store(FunnelTopology.LEAD_HISTORIES, Serdes.ByteArray());
        store(FunnelTopology.ORGANIZATION_METRICS, Topics.FUNNEL_METRICS.valueSerde());
        store(FunnelTopology.TOP_ACCOUNTS, StoredState.TOP_ACCOUNTS);
        store(FunnelTopology.ORGANIZATION_CHANGES, StoredState.CHANGES);
    }

    @Test
    void aChangeThatWaitedWhenTheTaskStoppedIsPublishedAfterwards() {
        OrganizationProcessor first = new OrganizationProcessor(FunnelSettings.defaults());
        first.init(context);
        first.process(lead("L1", acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS, hours(1))));
        first.process(lead("L2", acme.entered("e2", "L2", FunnelStep.BRAND_CONSIDERATION, hours(2))));
        assertThat(context.forwarded()).as("waiting for the end of the interval").isEmpty();
        first.close(); // stopped before its punctuation fired

        OrganizationProcessor second = new OrganizationProcessor(FunnelSettings.defaults());
        second.init(context);
        List<MockProcessorContext.CapturedPunctuator> punctuators = context.scheduledPunctuators();
        punctuators.get(punctuators.size() - 1).getPunctuator().punctuate(0);

        assertThat(context.forwarded()).singleElement().satisfies(forwarded -> {
            assertThat(forwarded.record().key()).isEqualTo("acme");
            assertThat(((FunnelMetrics) forwarded.record().value()).getLeadsAtStep())
                    .containsEntry("BRAND_AWARENESS", 1L).containsEntry("BRAND_CONSIDERATION", 1L);
        });
        KeyValueStore<String, ?> changes = context.getStateStore(FunnelTopology.ORGANIZATION_CHANGES);
        assertThat(changes.get("acme")).as("published: nothing waits any more").isNull();
    }

    /** The lead's new history, stored as the lead step stores it, and handed over as the lead step hands it over. */
    private Record<String, LeadOutput.LeadChanged> lead(String leadId, FunnelEvent event) {
        LeadHistoryState stored = LeadHistoryState.newBuilder().setOrganization("acme").setLeadId(leadId)
                .setEvents(List.of(event)).setBreachedHandoffs(List.of()).setRaisedRules(List.of())
                .setBreachedReviews(List.of()).build();
        String key = LeadProcessor.leadKey("acme", leadId);
        LeadHistory history = StoredState.history(stored);
        context.<KeyValueStore<String, byte[]>>getStateStore(FunnelTopology.LEAD_HISTORIES)
                .put(key, StoredState.encoded(history));
        return new Record<>(key, new LeadOutput.LeadChanged(history, history.summarize(FunnelSettings.defaults()
                .slaFor("acme"))), event.getOccurredAt().toEpochMilli());
    }

    private <V> void store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), values).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private static Properties config() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "organization-processor-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return config;
    }
}
