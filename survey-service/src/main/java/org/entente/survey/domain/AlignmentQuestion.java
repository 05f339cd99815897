package org.entente.survey.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The ten "do we need to be more aligned?" questions asked when an assessment is opened. Each is a yes/no answer
 * carried in {@code AssessmentOpened.context} under {@link #field()}; the advice service's decision gate reads them.
 */
public enum AlignmentQuestion {
    SMALL_BUSINESS("smallBusiness",
            "Is the company small, with only a handful of people in Sales and Marketing?"),
    INFORMAL_RELATIONS_GOOD("informalRelationsGood",
            "Do Sales and Marketing already get on well informally?"),
    MARKETING_MAINLY_SUPPORTS_SALES("marketingMainlySupportsSales",
            "Is Marketing there mainly to support Sales (brochures, events, leads)?"),
    CONFLICTS_RECURRING("conflictsRecurring",
            "Do the same conflicts between the two teams keep coming back?"),
    COMPETING_FOR_RESOURCES("competingForResources",
            "Do the two teams compete for budget or people?"),
    MARKET_COMMODITIZING("marketCommoditizing",
            "Are your products turning into commodities that customers buy mostly on price?"),
    MARKET_CUSTOMIZING("marketCustomizing",
            "Are customers asking for more tailored products and solutions?"),
    SALES_CYCLE_LONG_OR_COMPLEX("salesCycleLongOrComplex",
            "Is your sales cycle long or complex, with many people involved in each purchase?"),
    FAST_CHANGING_MARKET("fastChangingMarket",
            "Is your market changing quickly?"),
    SHARED_RESPONSIBILITY_CULTURE("sharedResponsibilityCulture",
            "Do people across the company readily share responsibility for results?");

    private final String field;
    private final String question;

    AlignmentQuestion(String field, String question) {
        this.field = field;
        this.question = question;
    }

    /** The field name in {@code AlignmentContext} and in the HTTP API's {@code context} object. */
    public String field() {
        return field;
    }

    /** The question in plain language, as an organizer sees it. */
    public String question() {
        return question;
    }

    public static Optional<AlignmentQuestion> byField(String field) {
        return Arrays.stream(values()).filter(q -> q.field.equals(field)).findFirst();
    }
}
