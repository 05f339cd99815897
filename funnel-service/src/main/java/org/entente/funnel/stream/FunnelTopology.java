package org.entente.funnel.stream;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.entente.funnel.domain.FunnelSettings;
import org.entente.funnel.domain.LeadHistory;
import org.entente.funnel.domain.LeadSummary;
import org.entente.schemas.Topics;

/**
 * The funnel-service topology, usable with or without Spring:
 * <pre>
 * funnel events (by lead) ──▶ leads ──┬─▶ events DLQ          (undecodable or rule-breaking messages)
 *                                     ├─▶ funnel alerts        (SLA breaches, engagement requests; by lead)
 *                                     └─▶ lead summaries ──repartition by organization──▶ organizations
 *                                                                                  └─▶ funnel metrics (by organization)
 * </pre>
 * Stores: lead histories and SLA clocks (partitioned by lead), organization leads and metrics (partitioned by
 * organization; the web layer queries these two).
 */
public final class FunnelTopology {

    public static final String LEAD_HISTORIES = "funnel-lead-histories";
    public static final String SLA_CLOCKS = "funnel-sla-clocks";
    public static final String ORGANIZATION_LEADS = "funnel-organization-leads";
    public static final String ORGANIZATION_METRICS = "funnel-organization-metrics";
    /** Separates organization and lead in store keys; a unit separator never appears in ids people type. */
    public static final String KEY_SEPARATOR = "\u001f";

    /** How often, in stream time, the SLA clocks are checked. */
    public static final Duration DEFAULT_CLOCK_INTERVAL = Duration.ofSeconds(1);

    private final FunnelSettings settings;
    private final Duration clockInterval;
    private final String serviceName;

    public FunnelTopology(FunnelSettings settings, Duration clockInterval, String serviceName) {
        this.settings = settings;
        this.clockInterval = clockInterval;
        this.serviceName = serviceName;
    }

    public void addTo(StreamsBuilder builder) {
        var summaries = new JsonSerde<>(LeadSummary.class);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEAD_HISTORIES),
                Serdes.String(), new JsonSerde<>(LeadHistory.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SLA_CLOCKS),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORGANIZATION_LEADS),
                Serdes.String(), summaries));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORGANIZATION_METRICS),
                Serdes.String(), Topics.FUNNEL_METRICS.valueSerde()));

        KStream<String, LeadOutput> outputs = builder
                .stream(Topics.FUNNEL_EVENTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withTimestampExtractor(new EventTimeExtractor())
                        .withName("funnel-events"))
                .process(() -> new LeadProcessor(settings, clockInterval, serviceName), Named.as("leads"),
                        LEAD_HISTORIES, SLA_CLOCKS);

        outputs.filter((key, out) -> out instanceof LeadOutput.DeadLetter, Named.as("dead-letters"))
                .mapValues(out -> ((LeadOutput.DeadLetter) out).original())
                .to(Topics.FUNNEL_EVENTS.dlq(), Produced.with(Serdes.String(), Serdes.ByteArray()));

        outputs.filter((key, out) -> out instanceof LeadOutput.Alert, Named.as("alerts"))
                .mapValues(out -> ((LeadOutput.Alert) out).event())
                .to(Topics.FUNNEL_ALERTS.name(),
                        Produced.with(Topics.FUNNEL_ALERTS.keySerde(), Topics.FUNNEL_ALERTS.valueSerde()));

        outputs.filter((key, out) -> out instanceof LeadOutput.LeadChanged, Named.as("lead-changes"))
                .map((key, out) -> {
                    LeadSummary summary = ((LeadOutput.LeadChanged) out).summary();
                    return KeyValue.pair(summary.organization(), summary);
                })
                .repartition(Repartitioned.with(Serdes.String(), summaries).withName("leads-by-organization"))
                .process(OrganizationProcessor::new, Named.as("organizations"), ORGANIZATION_LEADS,
                        ORGANIZATION_METRICS)
                .to(Topics.FUNNEL_METRICS.name(),
                        Produced.with(Topics.FUNNEL_METRICS.keySerde(), Topics.FUNNEL_METRICS.valueSerde()));
    }
}
