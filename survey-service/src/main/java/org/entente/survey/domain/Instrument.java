package org.entente.survey.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The survey respondents take: twenty statements about how Sales and Marketing work together, each rated on the same
 * five-point scale. Instruments are versioned; an assessment records the version its respondents saw, so wording can
 * improve later without mixing answers to different questions.
 *
 * <p>Only version "1" exists so far. The statements follow the themes of DESIGN.md in order and are worded for
 * Entente; none is copied from the article that inspired the themes.
 */
public record Instrument(String version, List<Statement> statements, Map<Integer, String> scale) {

    public static final String CURRENT_VERSION = "1";
    public static final int LOWEST_ANSWER = 1;
    public static final int HIGHEST_ANSWER = 5;

    private static final Instrument V1 = new Instrument("1", List.of(
            new Statement(1, "Forecast accuracy",
                    "Our sales results usually land close to what we forecast."),
            new Statement(2, "No blame",
                    "When results disappoint, neither team blames the other."),
            new Statement(3, "Marketers meet customers",
                    "People from Marketing meet important customers while deals are being worked on."),
            new Statement(4, "Sales shapes the marketing plan",
                    "Sales has a hand in writing the marketing plan."),
            new Statement(5, "Useful collateral",
                    "Salespeople find the material Marketing produces genuinely useful in front of customers."),
            new Statement(6, "Feedback flows",
                    "When Marketing asks Sales for feedback, it gets it without having to chase."),
            new Statement(7, "Common language",
                    "Both teams mean the same thing by the same words, such as lead, qualified prospect and customer."),
            new Statement(8, "Leaders talk upstream",
                    "The heads of Sales and Marketing regularly talk through early-stage matters: new ideas, signals "
                            + "from the market, where our products should go."),
            new Statement(9, "Buying behaviour defined together",
                    "Sales and Marketing work out together how customers in each segment go about buying."),
            new Statement(10, "Calm joint meetings",
                    "When the two teams meet, little of the time goes into settling disputes or fighting fires."),
            new Statement(11, "Planning years ahead",
                    "The heads of Sales and Marketing plan together for what we will offer two or more years from now."),
            new Statement(12, "Shared measures",
                    "The same set of measures is used to judge how well both teams are doing."),
            new Statement(13, "Key-account strategy",
                    "Marketing helps shape and carry out the strategy for our most important accounts."),
            new Statement(14, "One pipeline end to end",
                    "The two teams have built funnels or pipelines together that cover every step from first "
                            + "contact to long-term customer."),
            new Statement(15, "Funnel analysis",
                    "Marketing studies the data in the funnel to make its results easier to predict."),
            new Statement(16, "Shared fate",
                    "People in both teams feel that they win or lose together."),
            new Statement(17, "One revenue leader",
                    "Sales and Marketing both answer to one executive responsible for revenue or for customers."),
            new Statement(18, "Moves between teams",
                    "It is normal for people to move from Sales jobs to Marketing jobs and back."),
            new Statement(19, "Learning together",
                    "The two teams train, go to events and learn together."),
            new Statement(20, "Presenting each other's plans",
                    "Each team helps prepare and present the other team's plans to senior leadership.")),
            Map.of(1, "Strongly disagree", 2, "Disagree", 3, "Neither agree nor disagree", 4, "Agree",
                    5, "Strongly agree"));

    public Instrument {
        statements = List.copyOf(statements);
        scale = Map.copyOf(scale);
    }

    /** The version new assessments use. */
    public static Instrument current() {
        return V1;
    }

    /** A published version, or empty when no instrument has that version. */
    public static Optional<Instrument> version(String version) {
        return V1.version.equals(version) ? Optional.of(V1) : Optional.empty();
    }

    public int statementCount() {
        return statements.size();
    }
}
