package org.entente.funnel.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.entente.funnel.FunnelEvents.hours;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.entente.events.CollateralReview;
import org.entente.events.CollateralReviewStatus;
import org.entente.events.EngagementRequested;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelMetrics;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;
import org.entente.events.HandoffSlaBreached;
import org.entente.events.Team;
import org.entente.funnel.FunnelEvents;
import org.entente.funnel.domain.Contact;
import org.entente.funnel.domain.Directory;
import org.entente.funnel.domain.EngagementRule;
import org.entente.funnel.domain.FunnelSettings;
import org.entente.internal.funnel.LeadHistoryState;
import org.entente.internal.funnel.SlaClock;
import org.entente.schemas.DeadLetters;
import org.entente.schemas.Origin;
import org.entente.schemas.OriginPrefix;
import org.entente.schemas.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The funnel topology under TopologyTestDriver: intake, dead letters, idempotence, SLA clocks, engagement. */
class FunnelTopologyTest {

    private static final FunnelSettings SETTINGS = new FunnelSettings(Duration.ofHours(24),
            Map.of("globex", Duration.ofHours(4)),
            List.of(new EngagementRule("big-opportunity", 200_000_000L, Set.of(), Set.of(), "brand-manager",
                    "Opportunity above $2,000,000: involve the brand manager")),
            new Directory(Map.of("brand-manager", new Contact("brand-manager", "Bo Brand", "#brand"),
                    "key-account-marketing", new Contact("key-account-marketing", "Kim Accounts", "#key-accounts"),
                    "collateral-reviewer", new Contact("collateral-reviewer", "Cy Review", "#sales-enablement")),
                    Map.of()));

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, FunnelMetrics> metrics;
    private TestOutputTopic<String, SpecificRecord> alerts;
    private TestOutputTopic<String, byte[]> deadLetters;
    private final FunnelEvents acme = FunnelEvents.of("acme");
    private final FunnelEvents globex = FunnelEvents.of("globex");

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        new FunnelTopology(SETTINGS, Duration.ofSeconds(1), "funnel-service").addTo(builder);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "funnel-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), config);
        events = driver.createInputTopic(Topics.FUNNEL_EVENTS.name(), new StringSerializer(),
                new ByteArraySerializer());
        metrics = driver.createOutputTopic(Topics.FUNNEL_METRICS.name(), new StringDeserializer(),
                Topics.FUNNEL_METRICS.valueSerde().deserializer());
        alerts = driver.createOutputTopic(Topics.FUNNEL_ALERTS.name(), new StringDeserializer(),
                Topics.FUNNEL_ALERTS.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.FUNNEL_EVENTS.dlq(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /**
     * Publishes as another application would (Avro single-object bytes, broker time = arrival, not event time), then
     * lets one commit interval pass, so the organization's metrics are published for this event alone.
     */
    private void publish(FunnelEvent event) {
        arrive(event);
        nextInterval();
    }

    /** Publishes within the current commit interval: the organization's metrics wait for {@link #nextInterval}. */
    private void arrive(FunnelEvent event) {
        events.pipeInput(event.getLeadId(), Topics.FUNNEL_EVENTS.valueSerde().serializer()
                .serialize(Topics.FUNNEL_EVENTS.name(), event), Instant.parse("2030-01-01T00:00:00Z"));
    }

    /** Lets one commit interval (100 ms, the exactly-once default) pass on the wall clock. */
    private void nextInterval() {
        driver.advanceWallClockTime(Duration.ofMillis(100));
    }

    private FunnelMetrics latestMetrics(String organization) {
        return metrics.readKeyValuesToMap().get(organization);
    }

    @Test
    void leadsAtEachStepFollowTheEvents() {
        publish(acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS, hours(0)));
        publish(acme.entered("e2", "L2", FunnelStep.BRAND_AWARENESS, hours(1)));
        publish(acme.entered("e3", "L1", FunnelStep.BRAND_CONSIDERATION, hours(2)));
        publish(globex.entered("g1", "L1", FunnelStep.LOYALTY, hours(2)));

        Map<String, FunnelMetrics> latest = metrics.readKeyValuesToMap();
        assertThat(latest.get("acme").getLeadsAtStep()).containsEntry("BRAND_AWARENESS", 1L)
                .containsEntry("BRAND_CONSIDERATION", 1L).containsEntry("LOYALTY", 0L);
        assertThat(latest.get("globex").getLeadsAtStep()).containsEntry("LOYALTY", 1L)
                .containsEntry("BRAND_AWARENESS", 0L);
    }

    @Test
    void theChangesOfOneIntervalArePublishedOnceForEachOrganization() {
        for (int i = 1; i <= 5; i++) {
            arrive(acme.entered("e" + i, "L" + i, FunnelStep.BRAND_AWARENESS, hours(i)));
        }
        arrive(acme.entered("e6", "L1", FunnelStep.BRAND_CONSIDERATION, hours(6)));
        arrive(globex.entered("g1", "L1", FunnelStep.LOYALTY, hours(2)));
        assertThat(metrics.isEmpty()).as("nothing before the interval ends").isTrue();

        nextInterval();
        List<TestRecord<String, FunnelMetrics>> published = metrics.readRecordsToList();
        assertThat(published).extracting(TestRecord::key).containsExactly("acme", "globex");
        assertThat(published.get(0).value().getLeadsAtStep()).containsEntry("BRAND_AWARENESS", 4L)
                .containsEntry("BRAND_CONSIDERATION", 1L);
        assertThat(published.get(0).timestamp()).as("the latest change's event time").isEqualTo(
                hours(6).toEpochMilli());

        nextInterval();
        assertThat(metrics.isEmpty()).as("nothing changed: nothing published").isTrue();
        publish(acme.entered("e7", "L6", FunnelStep.BRAND_AWARENESS, hours(7)));
        assertThat(metrics.readValuesToList()).singleElement().satisfies(m -> assertThat(m.getLeadsAtStep())
                .as("the leads summarized before and the one that changed since").containsEntry(
                        "BRAND_AWARENESS", 5L).containsEntry("BRAND_CONSIDERATION", 1L));
        try (var waiting = driver.getKeyValueStore(FunnelTopology.ORGANIZATION_CHANGES).all()) {
            assertThat(waiting.hasNext()).as("nothing waits to be published").isFalse();
        }
    }

    @Test
    void aRepeatedEventChangesNothing() {
        publish(acme.entered("e1", "L1", FunnelStep.BRAND_PREFERENCE, hours(0)));
        publish(acme.handedOff("e2", "L1", hours(1)));
        assertThat(metrics.readValuesToList()).hasSize(2);

        publish(acme.handedOff("e2", "L1", hours(1)));

        assertThat(metrics.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void lateEventsLandWhereTheirEventTimeSaysNotWhereTheyArrived() {
        publish(acme.entered("e3", "L1", FunnelStep.BRAND_PREFERENCE, hours(5)));
        publish(acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS, hours(0)));
        publish(acme.entered("e2", "L1", FunnelStep.BRAND_CONSIDERATION, hours(2)));

        FunnelMetrics m = latestMetrics("acme");
        assertThat(m.getLeadsAtStep()).containsEntry("BRAND_PREFERENCE", 1L).containsEntry("BRAND_AWARENESS", 0L);
        assertThat(m.getMedianTimeInStepMillis()).containsEntry("BRAND_AWARENESS", Duration.ofHours(2).toMillis())
                .containsEntry("BRAND_CONSIDERATION", Duration.ofHours(3).toMillis());
        assertThat(m.getUpdatedAt()).isEqualTo(hours(5));
    }

    @Test
    void oneRepartitionKeyedByOrganizationCarriesEachEventStampedWithItsEventTime() {
        StreamsBuilder builder = new StreamsBuilder();
        new FunnelTopology(SETTINGS, Duration.ofSeconds(1), "funnel-service").addTo(builder);
        List<String> repartitions = builder.build().describe().subtopologies().stream()
                .flatMap(s -> s.nodes().stream())
                .filter(TopologyDescription.Sink.class::isInstance).map(n -> ((TopologyDescription.Sink) n).topic())
                .filter(topic -> topic.endsWith("-repartition")).toList();
        assertThat(repartitions).as("one repartition serves the leads and their organizations")
                .containsExactly("funnel-events-by-organization-repartition");

        publish(acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS, hours(1)));
        publish(globex.entered("e2", "L1", FunnelStep.BRAND_AWARENESS, hours(2)));
        publish(acme.base("e3", "L2", FunnelEventType.STAGE_ENTERED, FunnelStep.PURCHASE, Team.MARKETING, hours(3))
                .build());

        List<TestRecord<String, byte[]>> repartitioned = driver.createOutputTopic(
                "funnel-topology-test-funnel-events-by-organization-repartition", new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
        assertThat(repartitioned).extracting(TestRecord::key).containsExactly("acme", "globex");
        assertThat(repartitioned).extracting(TestRecord::getRecordTime).containsExactly(hours(1), hours(2));
        assertThat(repartitioned).as("no header of ours crosses the repartition")
                .allSatisfy(record -> assertThat(record.headers().toArray()).isEmpty());
        OriginPrefix.Stamped first = OriginPrefix.read(repartitioned.get(0).value());
        assertThat(first.origin()).isEqualTo(new Origin(Topics.FUNNEL_EVENTS.name(), 0, 0));
        assertThat(first.original()).as("the event's bytes as published")
                .isEqualTo(Topics.FUNNEL_EVENTS.valueSerde().serializer().serialize(Topics.FUNNEL_EVENTS.name(),
                        acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS, hours(1))));
        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).as("a dead letter keeps the key it was published with").isEqualTo("L2");
        assertThat(dead.getRecordTime()).as("and is stamped with its event time, as before").isEqualTo(hours(3));
        Map<String, FunnelMetrics> published = metrics.readKeyValuesToMap();
        assertThat(published.get("acme").getLeadsAtStep()).containsEntry("BRAND_AWARENESS", 1L);
        assertThat(published.get("globex").getLeadsAtStep()).containsEntry("BRAND_AWARENESS", 1L);
    }

    @Test
    void whatAnEarlierVersionLeftOnTheRepartitionIsStillCountedAndNamed() {
        TestInputTopic<String, byte[]> left = driver.createInputTopic(
                "funnel-topology-test-funnel-events-by-organization-repartition", new StringSerializer(),
                new ByteArraySerializer());
        byte[] event = Topics.FUNNEL_EVENTS.valueSerde().serializer().serialize(Topics.FUNNEL_EVENTS.name(),
                acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS, hours(1)));
        left.pipeInput(new TestRecord<>("acme", event,
                new Origin(Topics.FUNNEL_EVENTS.name(), 2, 30).stampOn(new RecordHeaders()), hours(1)));
        left.pipeInput(new TestRecord<>("acme", new byte[] {(byte) 0xC3, 0x01, 9},
                new Origin(Topics.FUNNEL_EVENTS.name(), 1, 31).stampOn(new RecordHeaders()), hours(1)));
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(metrics.readKeyValuesToMap().get("acme").getLeadsAtStep()).containsEntry("BRAND_AWARENESS", 1L);
        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("1");
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("31");
        assertThat(dead.headers().lastHeader(Origin.HEADER)).as("our stamp does not leave the service").isNull();
    }

    @Test
    void bytesThatAreNotAFunnelEventGoToTheDeadLetterTopicWithTheReason() {
        byte[] garbage = "{\"leadId\":\"L1\"}".getBytes(StandardCharsets.UTF_8);
        events.pipeInput("L1", garbage);

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("L1");
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.REASON_CODE)).isEqualTo("NOT_SINGLE_OBJECT");
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.FUNNEL_EVENTS.name());
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.REJECTED_BY)).isEqualTo("funnel-service");
        assertThat(metrics.isEmpty()).isTrue();
    }

    @Test
    void marketingsContributionToASalesStepIsRecordedAndCountedWhileAMarketingMoveThereIsDeadLettered() {
        publish(acme.entered("e1", "L1", FunnelStep.PURCHASE_INTENTION, hours(0)));
        publish(acme.contributed("e2", "L1", Team.MARKETING, FunnelStep.PURCHASE_INTENTION,
                MarketingContribution.VALUE_PROPOSITION, hours(1)));
        publish(acme.base("e3", "L1", FunnelEventType.STAGE_ENTERED, FunnelStep.PURCHASE, Team.MARKETING, hours(2))
                .build());
        publish(acme.won("e4", "L1", "ACC-1", 10_000_00, 0, hours(3)));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.REASON_CODE)).isEqualTo("STEP_NOT_OWNED");
        assertThat(deadLetters.isEmpty()).isTrue();
        FunnelMetrics m = latestMetrics("acme");
        assertThat(m.getLeadsAtStep()).containsEntry("PURCHASE", 1L).containsEntry("PURCHASE_INTENTION", 0L);
        assertThat(m.getMarketingContributedWins()).isEqualTo(1);
        assertThat(m.getMarketingContributionShare()).isEqualTo(1.0);
        assertThat(m.getMarketingContributedWinsByKind()).containsExactly(Map.entry("VALUE_PROPOSITION", 1L));
    }

    @Test
    void anEventThatBreaksTheRulesGoesToTheDeadLetterTopicAndChangesNoMetric() {
        FunnelEvent noReason = acme.base("e1", "L1", FunnelEventType.REJECTED, null, Team.SALES, hours(1)).build();
        publish(noReason);

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.REASON_CODE)).isEqualTo("REASON_REQUIRED");
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.REASON)).contains("a rejection needs a reason");
        assertThat(Topics.FUNNEL_EVENTS.valueSerde().deserializer().deserialize("t", dead.value()))
                .isEqualTo(noReason);
        assertThat(metrics.isEmpty()).isTrue();
    }

    @Test
    void anEventDatedBefore1970IsADeadLetterNotARecordKafkaStreamsWouldDrop() {
        // Kafka Streams would drop a record whose extracted timestamp is before 1970 without a word
        FunnelEvent tooOld = acme.entered("e1", "L1", FunnelStep.BRAND_AWARENESS,
                Instant.parse("1969-07-20T20:17:40Z"));
        publish(tooOld);
        publish(acme.entered("e2", "L2", FunnelStep.BRAND_AWARENESS, hours(1)));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(DeadLetters.read(dead.headers(), DeadLetters.REASON_CODE)).isEqualTo("TIME_BEFORE_1970");
        assertThat(Topics.FUNNEL_EVENTS.valueSerde().deserializer().deserialize("t", dead.value())).isEqualTo(tooOld);
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(latestMetrics("acme").getLeadsAtStep()).as("the next event is counted, the old one is not")
                .containsEntry("BRAND_AWARENESS", 1L);
    }

    @Test
    void aHandoffLeftWaitingPastItsSlaRaisesExactlyOneAlertAsStreamTimeAdvances() {
        publish(acme.entered("e1", "L1", FunnelStep.BRAND_PREFERENCE, hours(0)));
        publish(acme.handedOff("e2", "L1", hours(1)));
        publish(acme.entered("e3", "L2", FunnelStep.BRAND_AWARENESS, hours(20)));
        assertThat(alerts.isEmpty()).as("stream time 20h: still within the 24h SLA").isTrue();

        publish(acme.entered("e4", "L2", FunnelStep.BRAND_CONSIDERATION, hours(25) .plusSeconds(1)));

        assertThat(alerts.readRecordsToList()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("L1");
            assertThat(record.value()).isInstanceOfSatisfying(HandoffSlaBreached.class, breach -> {
                assertThat(breach.getOrganization()).isEqualTo("acme");
                assertThat(breach.getHandedOffAt()).isEqualTo(hours(1));
                assertThat(breach.getHandedOffBy()).isEqualTo("maria@marketing");
                assertThat(breach.getSlaMillis()).isEqualTo(Duration.ofHours(24).toMillis());
                assertThat(breach.getBreachedAt()).isEqualTo(hours(25));
            });
        });
        assertThat(latestMetrics("acme").getSlaBreaches()).isEqualTo(1);

        publish(acme.entered("e5", "L2", FunnelStep.BRAND_PREFERENCE, hours(60)));
        publish(acme.accepted("e6", "L1", hours(61)));
        assertThat(alerts.isEmpty()).as("one breach, one alert").isTrue();
        FunnelMetrics m = latestMetrics("acme");
        assertThat(m.getSlaBreaches()).isEqualTo(1);
        assertThat(m.getSlaCompliance()).isEqualTo(0.0);
        assertThat(m.getAccepted()).isEqualTo(1);
    }

    @Test
    void aHandoffAnsweredInTimeRaisesNoAlert() {
        publish(acme.handedOff("e1", "L1", hours(0)));
        publish(acme.rejected("e2", "L1", "no budget", hours(23)));
        publish(acme.entered("e3", "L2", FunnelStep.BRAND_AWARENESS, hours(100)));

        assertThat(alerts.isEmpty()).isTrue();
        FunnelMetrics m = latestMetrics("acme");
        assertThat(m.getSlaCompliance()).isEqualTo(1.0);
        assertThat(m.getRejectionReasons()).containsEntry("no budget", 1L);
    }

    @Test
    void aHandoffThatArrivesAfterItsDeadlineInStreamTimeIsBreachedAtOnce() {
        publish(acme.entered("e1", "L2", FunnelStep.BRAND_AWARENESS, hours(100)));
        publish(acme.handedOff("e2", "L1", hours(1)));

        assertThat(alerts.readValuesToList()).singleElement().isInstanceOfSatisfying(HandoffSlaBreached.class,
                breach -> assertThat(breach.getBreachedAt()).isEqualTo(hours(25)));

        publish(acme.accepted("e3", "L1", hours(2)));
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(latestMetrics("acme").getSlaBreaches()).isEqualTo(1);
    }

    @Test
    void theSlaIsConfigurablePerOrganization() {
        publish(globex.handedOff("g1", "L1", hours(0)));
        publish(globex.entered("g2", "L2", FunnelStep.BRAND_AWARENESS, hours(5)));

        assertThat(alerts.readValuesToList()).singleElement().isInstanceOfSatisfying(HandoffSlaBreached.class,
                breach -> assertThat(breach.getSlaMillis()).isEqualTo(Duration.ofHours(4).toMillis()));
    }

    @Test
    void aBigOpportunityInvolvesTheBrandManagerOnce() {
        FunnelEvent big = acme.base("e1", "L1", FunnelEventType.STAGE_ENTERED, FunnelStep.PURCHASE_INTENTION,
                Team.SALES, hours(0)).setAmountCents(250_000_000L).build();
        publish(big);
        publish(acme.won("e2", "L1", "ACC-1", 260_000_000L, 90_000_000L, hours(3)));

        assertThat(alerts.readRecordsToList()).filteredOn(record -> record.value() instanceof EngagementRequested r
                && r.getRuleId().equals("big-opportunity")).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("L1");
            assertThat(record.value()).isInstanceOfSatisfying(EngagementRequested.class, request -> {
                assertThat(request.getRuleId()).isEqualTo("big-opportunity");
                assertThat(request.getContactRole()).isEqualTo("brand-manager");
                assertThat(request.getContactName()).isEqualTo("Bo Brand");
                assertThat(request.getContactAddress()).isEqualTo("#brand");
                assertThat(request.getTriggeredByEventId()).isEqualTo("e1");
                assertThat(request.getReason()).contains("brand manager");
            });
        });
    }

    @Test
    void aDealAlreadyWonOrLostNeverInvolvesTheBrandManager() {
        publish(acme.won("e1", "W1", "ACC-1", 260_000_000L, 90_000_000L, hours(0)));
        publish(acme.base("e2", "W1", FunnelEventType.STAGE_ENTERED, FunnelStep.LOYALTY, Team.SALES, hours(1))
                .setAmountCents(300_000_000L).build());
        publish(acme.lost("e3", "X1", hours(2)));
        publish(acme.base("e4", "X1", FunnelEventType.STAGE_ENTERED, FunnelStep.PURCHASE, Team.SALES, hours(1))
                .setAmountCents(300_000_000L).build());

        assertThat(alerts.readValuesToList()).noneMatch(EngagementRequested.class::isInstance);
    }

    @Test
    void anAccountEnteringTheTopTenByOpenAmountInvitesMarketingOnce() {
        for (int i = 1; i <= 11; i++) { // ACC-1 is worth $1,000 ... ACC-11 $11,000: in the end ACC-1 is eleventh
            publish(acme.opportunity("o" + i, "L" + i, "ACC-" + i, i * 100_000L, hours(i)));
        }
        List<EngagementRequested> first = engagements("top-accounts");
        assertThat(first).as("each account entered as its opportunity arrived").extracting(
                EngagementRequested::getLeadId).containsExactly("L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9",
                "L10", "L11");
        assertThat(first).allSatisfy(request -> {
            assertThat(request.getContactName()).isEqualTo("Kim Accounts");
            assertThat(request.getContactAddress()).isEqualTo("#key-accounts");
            assertThat(request.getReason()).contains("entered the top 10 accounts").contains("invite Marketing");
        });

        publish(acme.opportunity("o12", "L12", "ACC-1", 250_000L, hours(12))); // ACC-1 now $3,500: in, ACC-2 out
        publish(acme.opportunity("o13", "L13", "ACC-5", 100_000L, hours(13))); // already in: no news
        assertThat(engagements("top-accounts")).singleElement().satisfies(request -> {
            assertThat(request.getLeadId()).isEqualTo("L12");
            assertThat(request.getReason()).contains("ACC-1").contains("$3,500");
            assertThat(request.getTriggeredByEventId()).isEqualTo("o12");
        });

        publish(acme.won("o14", "L12", "ACC-1", 250_000L, 0, hours(14))); // won is not open: ACC-2 is back in
        assertThat(engagements("top-accounts")).extracting(EngagementRequested::getLeadId).containsExactly("L2");
    }

    @Test
    void accountsEnteringTheTopWithinOneIntervalInviteMarketingOnceEach() {
        for (int i = 1; i <= 11; i++) {
            arrive(acme.opportunity("o" + i, "L" + i, "ACC-" + i, i * 100_000L, hours(i)));
        }
        nextInterval();
        List<EngagementRequested> first = engagements("top-accounts");
        assertThat(first).as("ACC-1 is eleventh by the end of the interval").extracting(
                EngagementRequested::getLeadId).containsExactlyInAnyOrder("L2", "L3", "L4", "L5", "L6", "L7", "L8",
                "L9", "L10", "L11");
        assertThat(first).allSatisfy(request -> assertThat(request.getTriggeredByEventId()).isEqualTo("o11"));

        arrive(acme.opportunity("o12", "L12", "ACC-1", 250_000L, hours(12))); // ACC-1 now $3,500: in, ACC-2 out
        arrive(acme.opportunity("o13", "L13", "ACC-2", 300_000L, hours(13))); // ACC-2 $5,000: back in, ACC-3 out
        nextInterval();
        nextInterval();
        assertThat(engagements("top-accounts")).as("ACC-2 left and came back within one interval: no news")
                .extracting(EngagementRequested::getLeadId).containsExactly("L12");
    }

    @Test
    void aCollateralReviewAsksSalesAndRaisesOneOverdueAlertWhenSalesDoesNotApproveWithinItsSla() {
        publish(acme.reviewRequested("c1", "L1", "brochure-v1", hours(0)));
        assertThat(engagements("collateral-review")).singleElement().satisfies(request -> {
            assertThat(request.getLeadId()).isEqualTo("L1");
            assertThat(request.getContactName()).isEqualTo("Cy Review");
            assertThat(request.getReason()).contains("brochure-v1").contains("before it is printed");
            assertThat(request.getTriggeredByEventId()).isEqualTo("c1");
        });
        publish(acme.entered("e1", "L2", FunnelStep.BRAND_AWARENESS, hours(47)));
        assertThat(alerts.isEmpty()).as("stream time 47h: within the 48h review SLA").isTrue();

        publish(acme.entered("e2", "L2", FunnelStep.BRAND_CONSIDERATION, hours(49)));
        assertThat(engagements("collateral-review-overdue")).singleElement().satisfies(request -> {
            assertThat(request.getLeadId()).isEqualTo("L1");
            assertThat(request.getRequestedAt()).isEqualTo(hours(48));
            assertThat(request.getTriggeredByEventId()).isEqualTo("c1");
            assertThat(request.getReason()).contains("must not be printed before Sales approved it");
        });

        publish(acme.reviewApproved("c2", "L1", "brochure-v1", hours(50)));
        publish(acme.entered("e3", "L2", FunnelStep.BRAND_PREFERENCE, hours(100)));
        assertThat(alerts.isEmpty()).as("one overdue review, one alert").isTrue();
    }

    @Test
    void collateralApprovedInTimeRaisesNoOverdueAlertEvenWhenItsEventsArriveOutOfOrder() {
        publish(acme.reviewApproved("c2", "L1", "case-study", hours(5)));
        publish(acme.reviewRequested("c1", "L1", "case-study", hours(1)));
        publish(acme.entered("e1", "L2", FunnelStep.BRAND_AWARENESS, hours(200)));

        assertThat(alerts.readValuesToList()).isEmpty();
    }

    @Test
    void aCollateralReviewFromTheWrongTeamOrWithAStepIsDeadLettered() {
        publish(acme.review("c1", "L1", "flyer", CollateralReviewStatus.APPROVED, Team.MARKETING, hours(0)));
        publish(acme.base("c2", "L1", FunnelEventType.STAGE_ENTERED, FunnelStep.PURCHASE, Team.MARKETING, hours(1))
                .setCollateralReview(new CollateralReview("flyer", CollateralReviewStatus.REQUESTED)).build());

        assertThat(deadLetters.readRecordsToList()).extracting(dead -> DeadLetters.read(dead.headers(),
                DeadLetters.REASON_CODE)).containsExactly("WRONG_TEAM", "COLLATERAL_REVIEW_SHAPE");
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(metrics.isEmpty()).isTrue();
    }

    @Test
    void theStoresHoldAvroRecordsWhoseFieldsSayWhatTheyAre() {
        publish(acme.handedOff("e1", "L1", hours(1)));
        publish(acme.reviewRequested("c1", "L1", "deck", hours(2)));

        KeyValueStore<String, byte[]> histories = driver.getKeyValueStore(FunnelTopology.LEAD_HISTORIES);
        LeadHistoryState lead = StoredState.HISTORIES.deserializer().deserialize(FunnelTopology.LEAD_HISTORIES,
                histories.get("acme\u001fL1"));
        assertThat(lead.getEvents()).extracting(FunnelEvent::getEventId).containsExactly("e1", "c1");
        assertThat(lead.getEvents().get(1).getCollateralReview().getCollateralId()).isEqualTo("deck");

        KeyValueStore<String, SlaClock> clocks = driver.getKeyValueStore(FunnelTopology.SLA_CLOCKS);
        List<SlaClock> running = new java.util.ArrayList<>();
        try (var it = clocks.all()) {
            it.forEachRemaining(kv -> running.add(kv.value));
        }
        assertThat(running).containsExactly(
                new SlaClock("acme", "L1", hours(1), hours(25), null),
                new SlaClock("acme", "L1", hours(2), hours(50), "deck"));
    }

    private List<EngagementRequested> engagements(String ruleId) {
        return alerts.readValuesToList().stream().filter(EngagementRequested.class::isInstance)
                .map(EngagementRequested.class::cast).filter(r -> r.getRuleId().equals(ruleId)).toList();
    }
}
