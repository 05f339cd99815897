package org.entente.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.entente.events.AdviceGenerated;
import org.entente.events.AssessmentClosed;
import org.entente.events.AssessmentOpened;
import org.entente.events.DirectoryContact;
import org.entente.events.EngagementRequested;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelMetrics;
import org.entente.events.HandoffSlaBreached;
import org.entente.events.RevenueTarget;
import org.entente.events.StageClassified;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.internal.scoring.ParkedResponse;
import org.entente.internal.scoring.ScoringLedger;
import org.entente.internal.scoring.ScoringRespondent;
import org.entente.internal.funnel.LeadHistoryState;
import org.entente.internal.funnel.OrganizationChange;
import org.entente.internal.funnel.SlaClock;
import org.entente.internal.funnel.TopAccountsState;

/**
 * Every version ever published of every top-level event (and of every record kept in a service's stores), found by
 * the CRC-64-AVRO fingerprint that prefixes a single-object-encoded message.
 *
 * <p>Versions live on the classpath as {@code org/entente/schemas/history/<Event>/v<N>.avsc}, numbered from 1 with
 * no gaps, each a complete stand-alone schema. The newest must equal the schema the generated class was built from;
 * {@code SchemaCompatibilityTest} fails the build when it does not, or when any two versions cannot read each other.
 *
 * <p>It is an Avro {@link SchemaStore}: {@link EventSerde} (or any Avro {@code BinaryMessageDecoder}) finds a message's
 * writer schema in it by fingerprint; the index is Avro's own {@link SchemaStore.Cache}.
 *
 * <p>The records services keep in their state stores ({@link #STATE}, namespace {@code org.entente.internal.*}) are
 * kept and checked the same way, so a store and its changelog can be read across a service's versions; they are no
 * contract with anyone outside the service.
 */
public final class SchemaHistory implements SchemaStore {

    /** The events that travel on topics, each the root of its own history. */
    public static final List<Class<? extends SpecificRecord>> EVENTS = List.of(
            AssessmentOpened.class,
            AssessmentClosed.class,
            SurveyResponseSubmitted.class,
            StageClassified.class,
            AdviceGenerated.class,
            FunnelEvent.class,
            FunnelMetrics.class,
            HandoffSlaBreached.class,
            EngagementRequested.class,
            RevenueTarget.class,
            DirectoryContact.class);

    /** The records the services keep in their state stores and changelogs (internal), each its own history. */
    public static final List<Class<? extends SpecificRecord>> STATE = List.of(
            ScoringLedger.class,
            ScoringRespondent.class,
            ParkedResponse.class,
            LeadHistoryState.class,
            SlaClock.class,
            TopAccountsState.class,
            OrganizationChange.class);

    private static final String ROOT = "org/entente/schemas/history/";

    private static final SchemaHistory KEPT = load();

    private final Map<String, List<Schema>> versionsByEvent;
    private final SchemaStore.Cache byFingerprint = new SchemaStore.Cache();

    private SchemaHistory(Map<String, List<Schema>> versionsByEvent) {
        this.versionsByEvent = Map.copyOf(versionsByEvent);
        versionsByEvent.values().forEach(versions -> versions.forEach(byFingerprint::addSchema));
    }

    /** The history shipped in this jar. */
    public static SchemaHistory kept() {
        return KEPT;
    }

    /** The fingerprint that single-object encoding writes for this schema. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The writer schema a message's fingerprint names, if any kept version has it. */
    public Optional<Schema> writerSchema(long fingerprint) {
        return Optional.ofNullable(findByFingerprint(fingerprint));
    }

    /** The kept version with this fingerprint, or {@code null}: what Avro's decoders ask a {@link SchemaStore}. */
    @Override
    public Schema findByFingerprint(long fingerprint) {
        return byFingerprint.findByFingerprint(fingerprint);
    }

    /** The kept versions of one event, oldest first. */
    public List<Schema> versions(Class<? extends SpecificRecord> event) {
        return versionsByEvent.getOrDefault(event.getSimpleName(), List.of());
    }

    /** The events and the stored records: every root of a history. */
    public static List<Class<? extends SpecificRecord>> roots() {
        List<Class<? extends SpecificRecord>> roots = new ArrayList<>(EVENTS);
        roots.addAll(STATE);
        return List.copyOf(roots);
    }

    private static SchemaHistory load() {
        Map<String, List<Schema>> versions = new HashMap<>();
        ClassLoader loader = SchemaHistory.class.getClassLoader();
        for (Class<? extends SpecificRecord> event : roots()) {
            List<Schema> kept = new ArrayList<>();
            for (int v = 1; ; v++) {
                String path = ROOT + event.getSimpleName() + "/v" + v + ".avsc";
                try (InputStream in = loader.getResourceAsStream(path)) {
                    if (in == null) {
                        break;
                    }
                    kept.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path, e);
                }
            }
            versions.put(event.getSimpleName(), List.copyOf(kept));
        }
        return new SchemaHistory(versions);
    }
}
