package org.entente.funnel.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.entente.events.CollateralReviewStatus;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelMetrics;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;
import org.entente.events.Team;
import org.entente.funnel.domain.FunnelEventRules;
import org.entente.funnel.domain.FunnelMetricsCalculator;
import org.entente.funnel.domain.FunnelSettings;
import org.entente.funnel.domain.LeadEvent;
import org.entente.funnel.domain.LeadSummary;
import org.entente.funnel.domain.Period;
import org.entente.funnel.domain.PeriodTarget;
import org.entente.funnel.domain.PersonalData;
import org.entente.funnel.domain.Violation;
import org.entente.funnel.stream.FunnelEventPublisher;
import org.entente.funnel.stream.FunnelState;
import org.entente.funnel.stream.RevenueTargets;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The funnel's HTTP API: event intake (validated with the same rules the topology applies to the topic, refused when a
 * field carries an email address, published once the broker acknowledged it), an organization's shared metrics
 * (all-time, or by period against the period before, each period measured against its revenue target) and its
 * handoffs in flight.
 */
@RestController
@RequestMapping("/api/funnel")
public class FunnelApiController {

    /** Clocks disagree a little; an event stamped a few minutes ahead is still taken. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final FunnelEventPublisher publisher;
    private final FunnelState state;
    private final FunnelSettings settings;
    private final RevenueTargets targets;

    public FunnelApiController(FunnelEventPublisher publisher, FunnelState state, FunnelSettings settings,
            RevenueTargets targets) {
        this.publisher = publisher;
        this.state = state;
        this.settings = settings;
        this.targets = targets;
    }

    public record Accepted(String eventId) {
    }

    @Operation(operationId = "submitFunnelEvent", tags = "funnel-events", summary = "Submit a funnel event",
            description = "Validates it with the rules the topology applies to the topic, publishes FunnelEvent and "
                    + "answers 202 once the broker acknowledged it. Idempotent on eventId.")
    @PostMapping("/events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted submit(@RequestBody FunnelEventRequest request) {
        if (request == null) {
            throw new RequestRejectedException("a funnel event body is required", Map.of());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        FunnelEventType type = parse(fields, "type", request.type(), FunnelEventType::valueOf, FunnelEventType.values());
        FunnelStep step = parse(fields, "step", request.step(), FunnelStep::valueOf, FunnelStep.values());
        Team team = parse(fields, "team", request.team(), Team::valueOf, Team.values());
        MarketingContribution contribution = parse(fields, "contribution", request.contribution(),
                MarketingContribution::valueOf, MarketingContribution.values());
        var review = request.collateralReview();
        CollateralReviewStatus reviewStatus = review == null ? null : parse(fields, "collateralReview.status",
                review.status(), CollateralReviewStatus::valueOf, CollateralReviewStatus.values());
        if (review != null && reviewStatus == null) {
            fields.putIfAbsent("collateralReview.status", "collateralReview.status is required");
        }
        LeadEvent event = new LeadEvent(
                blank(request.eventId()) ? UUID.randomUUID().toString() : request.eventId().trim(),
                request.organization(), request.leadId(), request.accountId(), type, step, team, request.actor(),
                request.amountCents(), request.grossProfitCents(), request.reason(),
                request.occurredAt() == null ? Instant.now() : request.occurredAt(), contribution,
                review == null ? null : review.collateralId(), reviewStatus);
        if (event.occurredAt().isAfter(Instant.now().plus(FUTURE_TOLERANCE))) {
            // Event time drives the SLA clocks: one event from the future would breach every handoff on its partition.
            fields.put("occurredAt", "must not be in the future");
        }
        List<Violation> violations = FunnelEventRules.check(event);
        violations.forEach(v -> fields.putIfAbsent(v.field(), v.message()));
        PersonalData.check(event).forEach(v -> fields.putIfAbsent(v.field(), v.message()));
        if (!fields.isEmpty()) {
            throw new RequestRejectedException("invalid funnel event: " + String.join("; ", fields.values()), fields);
        }
        publisher.publish(toAvro(event));
        return new Accepted(event.eventId());
    }

    /**
     * All-time metrics (kept up to date by the topology), or those of a period with the period before it, counted
     * from the organization's lead histories on the spot.
     */
    @Operation(operationId = "getFunnelMetrics", tags = "funnel-metrics",
            summary = "An organization's shared funnel metrics")
    @GetMapping("/metrics")
    public MetricsView metrics(@RequestParam String organization, @RequestParam(required = false) String period,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Period asked = PeriodQuery.parse(period, from, to);
        if (asked == null) {
            return allTimeMetrics(organization);
        }
        List<LeadSummary> leads = state.leads(organization);
        Period before = asked.previous();
        return MetricsView.forPeriod(measured(organization, leads, asked), asked,
                measured(organization, leads, before), before);
    }

    /** A period's metrics measured against its revenue target, when one is set. */
    private FunnelMetrics measured(String organization, List<LeadSummary> leads, Period period) {
        FunnelMetrics metrics = FunnelMetricsCalculator.compute(organization, leads, period,
                settings.slaFor(organization));
        return PeriodTarget.measure(metrics, targets.of(organization, period).orElse(null));
    }

    /** The organization's all-time metrics, as the topology last published them. */
    public MetricsView allTimeMetrics(String organization) {
        return MetricsView.from(state.metrics(organization)
                .orElseGet(() -> FunnelMetricsCalculator.compute(organization, List.of())));
    }

    @Operation(operationId = "listHandoffs", tags = "handoffs",
            summary = "An organization's handoffs waiting for Sales to accept or reject them")
    @GetMapping("/handoffs")
    public List<HandoffView> handoffsInFlight(@RequestParam String organization) {
        return state.leads(organization).stream()
                .filter(lead -> lead.pendingHandoff() != null)
                .map(lead -> HandoffView.of(lead, lead.pendingHandoff()))
                .sorted(Comparator.comparing(HandoffView::deadline))
                .toList();
    }

    private static FunnelEvent toAvro(LeadEvent e) {
        return new LeadEvent(e.eventId(), e.organization().trim(), e.leadId().trim(),
                blank(e.accountId()) ? null : e.accountId().trim(), e.type(), e.step(), e.team(), e.actor(),
                e.amountCents(), e.grossProfitCents(), blank(e.reason()) ? null : e.reason().trim(), e.occurredAt(),
                e.contribution(), e.collateralId() == null ? null : e.collateralId().trim(), e.reviewStatus())
                .toEvent();
    }

    private static <E extends Enum<E>> E parse(Map<String, String> fields, String field, String value,
            Function<String, E> valueOf, E[] allowed) {
        if (blank(value)) {
            return null;
        }
        try {
            return valueOf.apply(value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            fields.put(field, "unknown " + field + " '" + value + "'; expected one of "
                    + Arrays.stream(allowed).map(Enum::name).toList());
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

}
