package org.entente.funnel.domain;

import java.time.Instant;
import org.entente.events.FunnelStep;
import org.entente.events.MarketingContribution;
import org.entente.events.Team;

/**
 * One team's part in a step the other team owns, as recorded on the lead: Marketing's lead standards, value
 * proposition, collateral, case study, site visit or pricing advice on a Sales step, or Sales' input on a Marketing
 * step. It moves nothing: the lead keeps its step and its owner.
 *
 * @param afterWin true when the lead had already been won when the contribution was made, so it did not help win it
 */
public record Contribution(String eventId, MarketingContribution kind, Team team, FunnelStep step, String actor,
        Instant at, boolean afterWin) {
}
