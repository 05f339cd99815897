package org.entente.funnel.domain;

import java.util.Arrays;
import java.util.List;
import org.entente.events.FunnelStep;
import org.entente.events.Team;

/**
 * The eight buying steps in funnel order and which team owns each: Marketing the first four (awareness to
 * preference), Sales the last four (intention to advocacy). The handoff sits between the two halves.
 */
public final class Steps {

    /** Every step, in the order a buyer goes through them. */
    public static final List<FunnelStep> IN_ORDER = List.of(FunnelStep.values());

    public static final List<FunnelStep> MARKETING = IN_ORDER.subList(0, 4);

    public static final List<FunnelStep> SALES = IN_ORDER.subList(4, 8);

    /** Where an accepted lead lands when Sales does not say otherwise. */
    public static final FunnelStep FIRST_SALES_STEP = FunnelStep.PURCHASE_INTENTION;

    private Steps() {
    }

    public static Team owner(FunnelStep step) {
        return MARKETING.contains(step) ? Team.MARKETING : Team.SALES;
    }

    public static List<FunnelStep> ownedBy(Team team) {
        return team == Team.MARKETING ? MARKETING : SALES;
    }

    /** The step names as the contract spells them, in funnel order. */
    public static List<String> names() {
        return Arrays.stream(FunnelStep.values()).map(Enum::name).toList();
    }

    /** How a step is named to people: {@code BRAND_AWARENESS} is "Brand awareness". */
    public static String label(FunnelStep step) {
        String words = step.name().replace('_', ' ').toLowerCase();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** How a team is named to people. */
    public static String label(Team team) {
        return team == Team.MARKETING ? "Marketing" : "Sales";
    }
}
