package org.entente.funnel.stream;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.entente.funnel.domain.FunnelSettings;
import org.apache.avro.specific.SpecificRecord;
import org.entente.events.FunnelMetrics;
import org.entente.schemas.Topics;

/**
 * The funnel-service topology, usable with or without Spring:
 * <pre>
 * funnel events (as published, any partitioner) ──▶ check-events ──┬─▶ events DLQ (undecodable, rule-breaking)
 *   ┌──────────────────────────────────────────────────────────────┘
 *   └─▶ repartition by organization (funnel-events-by-organization) ──▶ leads ──┬─▶ funnel alerts (SLA breaches,
 *                                                                               │   engagement)
 *                                                                               ├─▶ events DLQ
 *                                                                               └─▶ organizations ──┬─▶ funnel metrics
 *                                                                     (once per commit interval)    └─▶ funnel alerts
 *                                                                                                       (top accounts)
 * </pre>
 * One repartition serves both steps: a lead belongs to one organization, so keying the events by organization brings
 * every event of a lead, and every lead of an organization, into one task. The lead step hands its changed lead to the
 * organization step in memory (no second repartition, no second copy of the history).
 * Stores, all Avro ({@link StoredState}), all partitioned by organization: lead histories (keyed organization and
 * leadId) and SLA clocks (the lead step's), metrics, top accounts and the organizations waiting to be published (the
 * organization step's; the web layer queries the histories and the metrics).
 *
 * <p><b>Any producer.</b> The HTTP intake publishes with the Java client's partitioner, a CRM on librdkafka with
 * CRC32; the topology never relies on either. The by-organization repartition brings every event of one lead into one
 * task before its history is kept, so one lead's events form one history whoever published them. What is guaranteed
 * across producers: each event counts once (by eventId), and a lead's history is its events in event-time order
 * ({@code occurredAt}, then eventId), whatever order they arrive in. Not guaranteed: the order in which the
 * metrics and alerts of two producers' events are published (each alert reflects the lead's history as it then
 * stands; an organization's metrics are published once per commit interval with every change of that interval),
 * and SLA clocks run on the stream time of the organization's repartition partition (the latest {@code occurredAt}
 * seen there), so they move only as events of the organizations on that partition arrive. Exactly-once holds through
 * the repartition topic.
 *
 * <p><b>Upgrading from a version with two repartitions</b> (by lead, then by organization): the stores are now
 * partitioned by organization and have new names, so a running deployment resets the application once (see the
 * README's upgrade notes); without the reset it would start from empty stores.
 */
public final class FunnelTopology {

    // The stores that hold Avro (StoredState) have names of their own: the JSON stores of earlier versions are not read.
    // Since the single repartition by organization the lead stores are partitioned by organization: new names, so
    // that a changelog partitioned by lead is never restored into them.
    public static final String LEAD_HISTORIES = "funnel-lead-histories";
    public static final String SLA_CLOCKS = "funnel-sla-clocks";
    public static final String ORGANIZATION_METRICS = "funnel-organization-metrics";
    public static final String TOP_ACCOUNTS = "funnel-organization-top-accounts";
    /** The organizations whose changes wait for the next publication of their metrics ({@link OrganizationProcessor}). */
    public static final String ORGANIZATION_CHANGES = "funnel-organization-changes";
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
        // The histories' Avro bytes (StoredState.encoded): a scan decodes only the histories it needs.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEAD_HISTORIES),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SLA_CLOCKS),
                Serdes.String(), StoredState.CLOCKS));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORGANIZATION_METRICS),
                Serdes.String(), Topics.FUNNEL_METRICS.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TOP_ACCOUNTS),
                Serdes.String(), StoredState.TOP_ACCOUNTS));
        // Cached: an organization is marked and unmarked within one commit interval, so its changelog gets one record
        // (a tombstone) per interval instead of two.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORGANIZATION_CHANGES),
                Serdes.String(), StoredState.CHANGES).withCachingEnabled());

        KStream<String, LeadOutput> intake = builder
                .stream(Topics.FUNNEL_EVENTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withTimestampExtractor(new EventTimeExtractor())
                        .withName("funnel-events"))
                .process(() -> new FunnelIntake(serviceName), Named.as("check-events"));
        deadLetters(intake, "intake-");

        KStream<String, LeadOutput> outputs = intake
                .filter((key, out) -> out instanceof LeadOutput.Accepted, Named.as("accepted-events"))
                .mapValues(out -> ((LeadOutput.Accepted) out).event(), Named.as("accepted-bytes"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName(FunnelIntake.REPARTITION))
                .process(() -> new LeadProcessor(settings, clockInterval, serviceName), Named.as("leads"),
                        LEAD_HISTORIES, SLA_CLOCKS);
        deadLetters(outputs, "");

        KStream<String, SpecificRecord> alerts = outputs
                .filter((key, out) -> out instanceof LeadOutput.Alert, Named.as("alerts"))
                .mapValues(out -> ((LeadOutput.Alert) out).event());

        KStream<String, SpecificRecord> organizations = outputs
                .filter((key, out) -> out instanceof LeadOutput.LeadChanged, Named.as("lead-changes"))
                .mapValues(out -> (LeadOutput.LeadChanged) out, Named.as("changed-leads"))
                .process(() -> new OrganizationProcessor(settings), Named.as("organizations"), LEAD_HISTORIES,
                        ORGANIZATION_METRICS, TOP_ACCOUNTS, ORGANIZATION_CHANGES);
        organizations.filter((key, out) -> out instanceof FunnelMetrics, Named.as("organization-metrics"))
                .mapValues(out -> (FunnelMetrics) out)
                .to(Topics.FUNNEL_METRICS.name(),
                        Produced.with(Topics.FUNNEL_METRICS.keySerde(), Topics.FUNNEL_METRICS.valueSerde()));
        alerts.merge(organizations.filter((key, out) -> !(out instanceof FunnelMetrics),
                        Named.as("organization-alerts")), Named.as("all-alerts"))
                .to(Topics.FUNNEL_ALERTS.name(),
                        Produced.with(Topics.FUNNEL_ALERTS.keySerde(), Topics.FUNNEL_ALERTS.valueSerde()));
    }

    private static void deadLetters(KStream<String, LeadOutput> outputs, String prefix) {
        outputs.filter((key, out) -> out instanceof LeadOutput.DeadLetter, Named.as(prefix + "dead-letters"))
                .mapValues(out -> ((LeadOutput.DeadLetter) out).original(), Named.as(prefix + "dead-letter-bytes"))
                .to(Topics.FUNNEL_EVENTS.dlq(), Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName(prefix + "dead-letters-out"));
    }
}
