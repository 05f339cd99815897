package org.entente.schemas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.entente.events.AdviceAction;
import org.entente.events.AdviceGenerated;
import org.entente.events.AlignmentContext;
import org.entente.events.AssessmentClosed;
import org.entente.events.AssessmentOpened;
import org.entente.events.BusinessFunction;
import org.entente.events.DirectoryContact;
import org.entente.events.EngagementRequested;
import org.entente.events.FunctionScore;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelMetrics;
import org.entente.events.FunnelStep;
import org.entente.events.HandoffSlaBreached;
import org.entente.events.Owner;
import org.entente.events.Recommendation;
import org.entente.events.RevenueTarget;
import org.entente.events.Role;
import org.entente.events.Stage;
import org.entente.events.StageClassified;
import org.entente.events.StatementScore;
import org.entente.events.SurveyResponseSubmitted;
import org.entente.events.Team;

/** One filled-in example of every event, for tests in this module and in the services (the schemas test-jar). */
public final class SampleEvents {

    public static final Instant AT = Instant.parse("2026-03-02T09:15:00Z");

    private SampleEvents() {
    }

    public static AssessmentOpened opened(String assessmentId, int anonymityThreshold) {
        return opened(assessmentId, anonymityThreshold, false);
    }

    /** An opening that says whether the assessment is named (not anonymous). */
    public static AssessmentOpened opened(String assessmentId, int anonymityThreshold, boolean named) {
        return AssessmentOpened.newBuilder()
                .setAssessmentId(assessmentId)
                .setOrganization("acme")
                .setTitle("Spring check-in")
                .setInstrumentVersion("1")
                .setStatementCount(20)
                .setAnonymityThreshold(anonymityThreshold)
                .setOpensAt(AT)
                .setClosesAt(AT.plusSeconds(14 * 24 * 3600))
                .setContext(AlignmentContext.newBuilder().setMarketCommoditizing(true).build())
                .setNamed(named)
                .build();
    }

    public static AssessmentClosed closed(String assessmentId) {
        return new AssessmentClosed(assessmentId, AT.plusSeconds(3600));
    }

    /** A response whose answers are all {@code rating}. */
    public static SurveyResponseSubmitted response(String assessmentId, String respondentId, BusinessFunction function,
            int rating) {
        return SurveyResponseSubmitted.newBuilder()
                .setResponseId(assessmentId + "/" + respondentId + "/" + rating)
                .setAssessmentId(assessmentId)
                .setRespondentId(respondentId)
                .setFunction(function)
                .setRole(Role.STAFF)
                .setInstrumentVersion("1")
                .setAnswers(new ArrayList<>(Collections.nCopies(20, rating)))
                .setSubmittedAt(AT)
                .setSource("api")
                .build();
    }

    public static StageClassified classified(String assessmentId) {
        List<StatementScore> statements = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            statements.add(new StatementScore(i, 3.0, 3.5, 2.5));
        }
        return StageClassified.newBuilder()
                .setAssessmentId(assessmentId)
                .setRevision(1)
                .setFinal$(false)
                .setStage(Stage.DEFINED)
                .setScore(60.0 - 0.5)
                .setRespondentCount(6)
                .setSales(FunctionScore.newBuilder().setRespondentCount(3).setMeanTotal(70).setStage(Stage.ALIGNED)
                        .setSpread(4.0).build())
                .setMarketing(FunctionScore.newBuilder().setRespondentCount(3).setMeanTotal(49).setStage(Stage.DEFINED)
                        .build())
                .setPerceptionGap(21.0)
                .setStatements(statements)
                .setClassifiedAt(AT)
                .setNearBoundary(true)
                .build();
    }

    public static AdviceGenerated advice(String assessmentId) {
        return AdviceGenerated.newBuilder()
                .setAssessmentId(assessmentId)
                .setBasedOnRevision(1)
                .setCurrentStage(Stage.DEFINED)
                .setRecommendation(Recommendation.MOVE_UP)
                .setTargetStage(Stage.ALIGNED)
                .setRationale(List.of("The market is commoditizing."))
                .setActions(List.of(AdviceAction.newBuilder().setId("joint-assignments").setTitle("Assign joint work")
                        .setTransition("DEFINED->ALIGNED").setOwner(Owner.JOINT).setPriority(1)
                        .setMotivatedBy(List.of(9, 13)).build()))
                .setGeneratedAt(AT)
                .build();
    }

    public static FunnelEvent handedOff(String leadId) {
        return FunnelEvent.newBuilder()
                .setEventId("evt-" + leadId)
                .setOrganization("acme")
                .setLeadId(leadId)
                .setType(FunnelEventType.HANDED_OFF)
                .setStep(FunnelStep.PURCHASE_INTENTION)
                .setTeam(Team.MARKETING)
                .setActor("mkt-ops")
                .setAmountCents(250_000_000L)
                .setOccurredAt(AT)
                .build();
    }

    public static FunnelMetrics metrics() {
        return FunnelMetrics.newBuilder()
                .setOrganization("acme")
                .setLeadsAtStep(Map.of("BRAND_AWARENESS", 12L))
                .setConversion(Map.of("BRAND_AWARENESS->BRAND_CONSIDERATION", 0.5))
                .setHandoffs(4)
                .setAccepted(3)
                .setAcceptanceRate(0.75)
                .setUpdatedAt(AT)
                .build();
    }

    public static HandoffSlaBreached breached(String leadId) {
        return HandoffSlaBreached.newBuilder().setOrganization("acme").setLeadId(leadId).setHandedOffAt(AT)
                .setSlaMillis(24L * 3600 * 1000).setBreachedAt(AT.plusSeconds(24 * 3600)).build();
    }

    public static EngagementRequested engagement(String leadId) {
        return EngagementRequested.newBuilder().setOrganization("acme").setLeadId(leadId)
                .setRuleId("large-opportunity").setReason("Opportunity above $2,000,000")
                .setContactRole("brand manager").setRequestedAt(AT).build();
    }

    public static RevenueTarget target() {
        return RevenueTarget.newBuilder().setOrganization("acme").setPeriod("2026-Q4").setTargetCents(500_000_000L)
                .setSalesExpenseCents(40_000_000L).setUpdatedAt(AT).build();
    }

    public static DirectoryContact contact() {
        return DirectoryContact.newBuilder().setOrganization("acme").setRole("brand-manager").setName("Bo Brand")
                .setAddress("#brand").setUpdatedAt(AT).build();
    }

    /** Every event type once. */
    public static List<SpecificRecord> everyEvent() {
        return List.of(opened("a-1", 3), closed("a-1"), response("a-1", "r-1", BusinessFunction.SALES, 4),
                classified("a-1"), advice("a-1"), handedOff("lead-1"), metrics(), breached("lead-1"),
                engagement("lead-1"), target(), contact());
    }
}
