package org.entente.funnel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.entente.events.CollateralReview;
import org.entente.events.CollateralReviewStatus;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;
import org.entente.events.Team;
import org.entente.funnel.domain.LeadEvent;
import org.entente.schemas.EventSerde;
import org.entente.schemas.SchemaHistory;

/** Funnel events for tests: one lead's story told in a few lines, at times counted from {@link #T0}. */
public final class FunnelEvents {

    public static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private final String organization;

    private FunnelEvents(String organization) {
        this.organization = organization;
    }

    public static FunnelEvents of(String organization) {
        return new FunnelEvents(organization);
    }

    public static Instant at(Duration sinceT0) {
        return T0.plus(sinceT0);
    }

    public static Instant hours(long h) {
        return T0.plus(Duration.ofHours(h));
    }

    public FunnelEvent.Builder base(String eventId, String leadId, FunnelEventType type, FunnelStep step, Team team,
            Instant at) {
        return FunnelEvent.newBuilder()
                .setEventId(eventId)
                .setOrganization(organization)
                .setLeadId(leadId)
                .setType(type)
                .setStep(step)
                .setTeam(team)
                .setActor(team == Team.MARKETING ? "maria@marketing" : "sam@sales")
                .setOccurredAt(at);
    }

    public FunnelEvent entered(String eventId, String leadId, FunnelStep step, Instant at) {
        Team owner = step.ordinal() < 4 ? Team.MARKETING : Team.SALES;
        return base(eventId, leadId, FunnelEventType.STAGE_ENTERED, step, owner, at).build();
    }

    /** {@code team}'s part in the other team's {@code step}: recorded on the lead, no move. */
    public FunnelEvent contributed(String eventId, String leadId, Team team, FunnelStep step,
            MarketingContribution kind, Instant at) {
        return base(eventId, leadId, FunnelEventType.STAGE_ENTERED, step, team, at).setContribution(kind).build();
    }

    public FunnelEvent handedOff(String eventId, String leadId, Instant at) {
        return base(eventId, leadId, FunnelEventType.HANDED_OFF, null, Team.MARKETING, at).build();
    }

    public FunnelEvent accepted(String eventId, String leadId, Instant at) {
        return base(eventId, leadId, FunnelEventType.ACCEPTED, null, Team.SALES, at).build();
    }

    public FunnelEvent rejected(String eventId, String leadId, String reason, Instant at) {
        return base(eventId, leadId, FunnelEventType.REJECTED, null, Team.SALES, at).setReason(reason).build();
    }

    public FunnelEvent recycled(String eventId, String leadId, Instant at) {
        return base(eventId, leadId, FunnelEventType.RECYCLED, null, Team.MARKETING, at).build();
    }

    public FunnelEvent won(String eventId, String leadId, String accountId, long amountCents, long grossProfitCents,
            Instant at) {
        return base(eventId, leadId, FunnelEventType.WON, null, Team.SALES, at).setAccountId(accountId)
                .setAmountCents(amountCents).setGrossProfitCents(grossProfitCents).build();
    }

    public FunnelEvent lost(String eventId, String leadId, Instant at) {
        return base(eventId, leadId, FunnelEventType.LOST, null, Team.SALES, at).build();
    }

    /** Marketing asks Sales to review {@code collateralId} before it is printed. */
    public FunnelEvent reviewRequested(String eventId, String leadId, String collateralId, Instant at) {
        return review(eventId, leadId, collateralId, CollateralReviewStatus.REQUESTED, Team.MARKETING, at);
    }

    /** Sales approves {@code collateralId}. */
    public FunnelEvent reviewApproved(String eventId, String leadId, String collateralId, Instant at) {
        return review(eventId, leadId, collateralId, CollateralReviewStatus.APPROVED, Team.SALES, at);
    }

    public FunnelEvent review(String eventId, String leadId, String collateralId, CollateralReviewStatus status,
            Team team, Instant at) {
        return base(eventId, leadId, FunnelEventType.STAGE_ENTERED, null, team, at)
                .setCollateralReview(new CollateralReview(collateralId, status)).build();
    }

    /** An open opportunity of {@code accountId} at PURCHASE_INTENTION, worth {@code amountCents}. */
    public FunnelEvent opportunity(String eventId, String leadId, String accountId, long amountCents, Instant at) {
        return base(eventId, leadId, FunnelEventType.STAGE_ENTERED, FunnelStep.PURCHASE_INTENTION, Team.SALES, at)
                .setAccountId(accountId).setAmountCents(amountCents).build();
    }

    public static LeadEvent lead(FunnelEvent event) {
        return LeadEvent.from(event);
    }

    /**
     * {@code event} single-object encoded with {@code version}, a kept version of the schema (as a producer built with
     * that version writes it: the fields that version has).
     */
    public static byte[] writtenWith(Schema version, FunnelEvent event) {
        GenericRecord written = new GenericData.Record(version);
        for (Schema.Field field : version.getFields()) {
            Object value = event.get(field.name());
            if (value instanceof Enum<?> symbol) {
                Schema enumSchema = field.schema().getType() != Schema.Type.UNION ? field.schema()
                        : field.schema().getTypes().stream().filter(t -> t.getType() == Schema.Type.ENUM).findFirst()
                                .orElseThrow();
                value = new GenericData.EnumSymbol(enumSchema, symbol.name());
            } else if (value instanceof Instant at) {
                value = at.toEpochMilli();
            }
            written.put(field.pos(), value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(EventSerde.header(SchemaHistory.fingerprint(version)));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(version).write(written, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
