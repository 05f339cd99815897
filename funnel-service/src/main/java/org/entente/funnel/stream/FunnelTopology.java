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
import org.apache.avro.specific.SpecificRecord;
import org.entente.events.FunnelMetrics;
import org.entente.schemas.Topics;

/**
 * The funnel-service topology, usable with or without Spring:
 * <pre>
 * funnel events (as published, any partitioner) ──▶ check-events ──┬─▶ events DLQ (undecodable, rule-breaking)
 *   ┌──────────────────────────────────────────────────────────────┘
 *   └─▶ repartition by leadId (funnel-events-by-lead) ──▶ leads ──┬─▶ funnel alerts (SLA breaches, engagement)
 *                                                                 ├─▶ events DLQ
 *                                                                 └─▶ lead histories ──repartition by organization──▶
 *                                                     organizations ──┬─▶ funnel metrics (once per commit interval)
 *                                                                     └─▶ funnel alerts (top accounts)
 * </pre>
 * Stores, all Avro ({@link StoredState}): lead histories and SLA clocks (partitioned by lead), organization lead
 * histories, metrics, top accounts and the organizations waiting to be published (partitioned by organization; the
 * web layer queries the first two).
 *
 * <p><b>Any producer.</b> The HTTP intake publishes with the Java client's partitioner, a CRM on librdkafka with
 * CRC32; the topology never relies on either. The by-lead repartition brings every event of one lead into one task
 * before its history is kept, so one lead's events form one history whoever published them. What is guaranteed
 * across producers: each event counts once (by eventId), and a lead's history is its events in event-time order
 * ({@code occurredAt}, then eventId), whatever order they arrive in. Not guaranteed: the order in which the
 * metrics and alerts of two producers' events are published (each change publishes the lead's summary as it then
 * stands; an organization's metrics are published once per commit interval with every change of that interval),
 * and SLA clocks run on the stream time of the lead's repartition partition (the latest {@code occurredAt}
 * seen there), so they move only as events of the leads on that partition arrive. Exactly-once holds through both
 * repartition topics.
 */
public final class FunnelTopology {

    // The stores that hold Avro (StoredState) have names of their own: the JSON stores of earlier versions are not read.
    public static final String LEAD_HISTORIES = "funnel-leads";
    public static final String SLA_CLOCKS = "funnel-clocks";
    public static final String ORGANIZATION_LEADS = "funnel-organization-lead-histories";
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
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEAD_HISTORIES),
                Serdes.String(), StoredState.HISTORIES));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SLA_CLOCKS),
                Serdes.String(), StoredState.CLOCKS));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORGANIZATION_LEADS),
                Serdes.String(), StoredState.HISTORIES));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORGANIZATION_METRICS),
                Serdes.String(), Topics.FUNNEL_METRICS.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TOP_ACCOUNTS),
                Serdes.String(), StoredState.TOP_ACCOUNTS));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORGANIZATION_CHANGES),
                Serdes.String(), StoredState.CHANGES));

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
                .map((key, out) -> {
                    LeadHistory history = ((LeadOutput.LeadChanged) out).history();
                    return KeyValue.pair(history.organization(), StoredState.stored(history));
                })
                .repartition(Repartitioned.with(Serdes.String(), StoredState.HISTORIES)
                        .withName("lead-histories-by-organization"))
                .process(() -> new OrganizationProcessor(settings), Named.as("organizations"), ORGANIZATION_LEADS,
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
