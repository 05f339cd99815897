package org.entente.funnel.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;
import org.entente.events.Team;

/**
 * What makes a single funnel event acceptable, whether it came over HTTP or straight onto the topic: the fields every
 * event needs, and what each event type needs on top (a step that the acting team owns, a reason for a rejection, an
 * amount for a win). It judges one event alone; the order of a lead's events is the replay's business, so an
 * acceptance that arrives before its handoff is still valid here.
 *
 * <p>A contribution ({@code contribution} set) is one team's part in the other team's step, so it is the one case
 * where a team may name a step it does not own: Marketing any kind but {@code UPSTREAM_INPUT} on a Sales step, Sales
 * only {@code UPSTREAM_INPUT} on a Marketing step, and only as {@code STAGE_ENTERED} (the step it was made at).
 * Without a contribution a team on the other team's step is still {@code STEP_NOT_OWNED}.
 *
 * <p>A collateral review ({@code collateralReview} set) is sent as {@code STAGE_ENTERED} without a step, so that a
 * reader predating reviews dead-letters it instead of moving the lead: Marketing requests, Sales approves.
 */
public final class FunnelEventRules {

    private FunnelEventRules() {
    }

    /** Every rule the event breaks; empty when it is valid. */
    public static List<Violation> check(LeadEvent event) {
        List<Violation> found = new ArrayList<>();
        required(found, "eventId", event.eventId());
        required(found, "organization", event.organization());
        required(found, "leadId", event.leadId());
        required(found, "actor", event.actor());
        if (event.type() == null) {
            found.add(new Violation("type", "MISSING_FIELD", "type is required"));
        }
        if (event.team() == null) {
            found.add(new Violation("team", "MISSING_FIELD", "team is required"));
        }
        if (event.occurredAt() == null) {
            found.add(new Violation("occurredAt", "MISSING_FIELD", "occurredAt is required"));
        } else if (event.occurredAt().isBefore(Instant.EPOCH)) {
            // the event's time becomes its record's timestamp on the way to the lead step, and Kafka refuses a
            // timestamp before the epoch
            found.add(new Violation("occurredAt", "TIME_BEFORE_1970",
                    "occurredAt must not be before 1970-01-01T00:00:00Z"));
        }
        nonNegative(found, "amountCents", event.amountCents());
        if (event.type() != null && event.team() != null && event.recordsCollateralReview()) {
            checkCollateralReview(found, event);
        } else if (event.type() != null && event.team() != null && event.recordsContribution()) {
            checkContribution(found, event);
        } else if (event.type() != null && event.team() != null) {
            checkType(found, event.type(), event.team(), event.step(), event);
        }
        return List.copyOf(found);
    }

    private static void checkType(List<Violation> found, FunnelEventType type, Team team, FunnelStep step,
            LeadEvent event) {
        switch (type) {
            case STAGE_ENTERED -> {
                if (step == null) {
                    found.add(new Violation("step", "STEP_REQUIRED", "STAGE_ENTERED needs the step the lead entered"));
                } else if (Steps.owner(step) != team) {
                    found.add(new Violation("team", "STEP_NOT_OWNED", step + " belongs to "
                            + Steps.label(Steps.owner(step)) + ", not " + Steps.label(team)));
                }
            }
            case HANDED_OFF -> {
                // The step may name where the lead was (a Marketing step) or where Sales should take it up (a
                // Sales step); both are read by the replay.
                actingTeam(found, type, team, Team.MARKETING, "Marketing hands leads off to Sales");
            }
            case ACCEPTED -> {
                actingTeam(found, type, team, Team.SALES, "Sales accepts the leads Marketing hands off");
                stepOf(found, type, step, Team.SALES);
            }
            case REJECTED -> {
                actingTeam(found, type, team, Team.SALES, "Sales rejects the leads Marketing hands off");
                if (blank(event.reason())) {
                    found.add(new Violation("reason", "REASON_REQUIRED",
                            "a rejection needs a reason, so Marketing can learn from it"));
                }
            }
            case RECYCLED -> stepOf(found, type, step, Team.MARKETING);
            case WON -> {
                actingTeam(found, type, team, Team.SALES, "Sales closes deals");
                if (event.amountCents() == null) {
                    found.add(new Violation("amountCents", "AMOUNT_REQUIRED", "a win needs its amount in cents"));
                }
            }
            case LOST -> actingTeam(found, type, team, Team.SALES, "Sales closes deals");
        }
    }

    private static void checkContribution(List<Violation> found, LeadEvent event) {
        if (event.type() != FunnelEventType.STAGE_ENTERED) {
            found.add(new Violation("contribution", "CONTRIBUTION_TYPE", "a contribution is sent as STAGE_ENTERED "
                    + "with the step it was made at, not " + event.type()));
            return;
        }
        if (event.step() == null) {
            found.add(new Violation("step", "STEP_REQUIRED", "a contribution needs the step it was made at"));
            return;
        }
        Team owner = Steps.owner(event.step());
        if (owner == event.team()) {
            found.add(new Violation("contribution", "CONTRIBUTION_ON_OWN_STEP", Steps.label(event.team())
                    + " works its own steps; a contribution is made on the other team's step"));
        } else if ((event.team() == Team.SALES) != (event.contribution() == MarketingContribution.UPSTREAM_INPUT)) {
            found.add(new Violation("contribution", "CONTRIBUTION_NOT_ALLOWED", event.team() == Team.SALES
                    ? "Sales takes part in Marketing's steps with UPSTREAM_INPUT only"
                    : "UPSTREAM_INPUT is Sales' part in Marketing's steps, not Marketing's"));
        }
    }

    private static void checkCollateralReview(List<Violation> found, LeadEvent event) {
        if (event.type() != FunnelEventType.STAGE_ENTERED || event.step() != null || event.contribution() != null) {
            found.add(new Violation("collateralReview", "COLLATERAL_REVIEW_SHAPE", "a collateral review is sent as "
                    + "STAGE_ENTERED without a step or a contribution: it moves nothing"));
            return;
        }
        if (blank(event.collateralId())) {
            found.add(new Violation("collateralReview.collateralId", "MISSING_FIELD",
                    "collateralReview.collateralId is required"));
        }
        switch (event.reviewStatus()) {
            case REQUESTED -> actingTeam(found, event.type(), event.team(), Team.MARKETING,
                    "Marketing asks Sales to review its collateral");
            case APPROVED -> actingTeam(found, event.type(), event.team(), Team.SALES,
                    "Sales approves Marketing's collateral");
            case OTHER -> {
                // a status this version does not know: kept on the lead, changes nothing
            }
        }
    }

    private static void actingTeam(List<Violation> found, FunnelEventType type, Team team, Team expected,
            String why) {
        if (team != expected) {
            found.add(new Violation("team", "WRONG_TEAM", type + " must come from " + Steps.label(expected) + ": "
                    + why));
        }
    }

    private static void stepOf(List<Violation> found, FunnelEventType type, FunnelStep step, Team owner) {
        if (step != null && Steps.owner(step) != owner) {
            found.add(new Violation("step", "STEP_NOT_OWNED", type + " leaves the lead at a "
                    + Steps.label(owner) + " step; " + step + " belongs to " + Steps.label(Steps.owner(step))));
        }
    }

    private static void required(List<Violation> found, String field, String value) {
        if (blank(value)) {
            found.add(new Violation(field, "MISSING_FIELD", field + " is required"));
        }
    }

    private static void nonNegative(List<Violation> found, String field, Long value) {
        if (value != null && value < 0) {
            found.add(new Violation(field, "NEGATIVE_AMOUNT", field + " must not be negative"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
