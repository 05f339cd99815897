package org.entente.funnel.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.entente.funnel.domain.Period;
import org.entente.funnel.domain.PeriodTarget;
import org.entente.funnel.stream.RevenueTargets;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shared revenue targets, for admins: set one for an organization and a quarter or month (with the period's
 * sales expense, or the expense alone), read them, remove one. The metrics of a period are measured against its
 * target ({@link PeriodTarget}). Any instance answers: every instance reads the whole targets topic.
 */
@RestController
@RequestMapping("/api/funnel/targets")
public class TargetsApiController {

    private final RevenueTargets targets;

    public TargetsApiController(RevenueTargets targets) {
        this.targets = targets;
    }

    /** What an admin sends: the target and the sales expense in cents, either may be left out, not both. */
    public record TargetRequest(Long targetCents, Long salesExpenseCents) {
    }

    /** A target as the API shows it: its period's label and bounds ({@code from} included, {@code to} excluded). */
    public record TargetView(String organization, String period, Instant from, Instant to, Long targetCents,
            Long salesExpenseCents) {

        static TargetView of(PeriodTarget t) {
            return new TargetView(t.organization(), t.period().label(), t.period().from(), t.period().to(),
                    t.targetCents(), t.salesExpenseCents());
        }
    }

    @Operation(operationId = "listRevenueTargets", tags = "revenue-targets",
            summary = "An organization's revenue targets and sales expenses, latest period first")
    @GetMapping
    public List<TargetView> list(@RequestParam String organization) {
        return targets.of(organization.trim()).stream().map(TargetView::of).toList();
    }

    @Operation(operationId = "getRevenueTarget", tags = "revenue-targets",
            summary = "The revenue target of an organization and a period")
    @GetMapping("/{organization}/{period}")
    public ResponseEntity<?> get(@PathVariable String organization, @PathVariable String period) {
        Period asked = period(period);
        return targets.of(organization, asked).<ResponseEntity<?>>map(t -> ResponseEntity.ok(TargetView.of(t)))
                .orElseGet(() -> AdminAnswers.notFound("no target is set for " + organization + " in "
                        + asked.label()));
    }

    @Operation(operationId = "setRevenueTarget", tags = "revenue-targets",
            summary = "Set the revenue target and/or sales expense of an organization and a period",
            description = "period is a quarter (2026-Q4) or a month (2026-11); amounts are in cents, as funnel "
                    + "events carry them. Replaces what was set for that period. Answers once this instance has it.")
    @PutMapping("/{organization}/{period}")
    public TargetView set(@PathVariable String organization, @PathVariable String period,
            @RequestBody(required = false) TargetRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        Period asked = null;
        try {
            asked = Period.parse(period);
        } catch (IllegalArgumentException e) {
            fields.put("period", e.getMessage());
        }
        AdminAnswers.checkOrganization(fields, organization);
        TargetRequest body = request == null ? new TargetRequest(null, null) : request;
        fields.putAll(PeriodTarget.problems(body.targetCents(), body.salesExpenseCents()));
        AdminAnswers.rejectIfAny("invalid revenue target", fields);
        PeriodTarget target = new PeriodTarget(organization.trim(), asked, body.targetCents(),
                body.salesExpenseCents());
        targets.set(target);
        return TargetView.of(target);
    }

    @Operation(operationId = "removeRevenueTarget", tags = "revenue-targets",
            summary = "Remove the revenue target and sales expense of an organization and a period")
    @DeleteMapping("/{organization}/{period}")
    public ResponseEntity<?> remove(@PathVariable String organization, @PathVariable String period) {
        Period asked = period(period);
        return targets.remove(organization, asked) ? ResponseEntity.noContent().build()
                : AdminAnswers.notFound("no target is set for " + organization + " in " + asked.label());
    }

    /** The quarter or month named in a path or form, or a refusal naming {@code period}. */
    static Period period(String text) {
        try {
            return Period.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RequestRejectedException("invalid period: " + e.getMessage(), Map.of("period", e.getMessage()));
        }
    }
}
