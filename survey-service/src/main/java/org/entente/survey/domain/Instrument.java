package org.entente.survey.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.entente.rules.Statements;

/**
 * The survey respondents take: twenty statements about how Sales and Marketing work together, each rated on the same
 * five-point scale. Instruments are versioned; an assessment records the version its respondents saw, so wording can
 * improve later without mixing answers to different questions.
 *
 * <p>Only version "1" exists so far. The statements follow the themes of the README in order and are worded for
 * Entente; none is copied from the article that inspired the themes. Their count, short labels (the themes) and the
 * answer scale's ends are the shared rules' ({@link Statements}, {@link org.entente.rules.ResponseValidity}).
 */
public record Instrument(String version, List<Statement> statements, Map<Integer, String> scale) {

    public static final String CURRENT_VERSION = "1";

    private static final Instrument V1 = new Instrument("1", List.of(
            statement(1, "Our sales results usually land close to what we forecast."),
            statement(2, "When results disappoint, neither team blames the other."),
            statement(3, "People from Marketing meet important customers while deals are being worked on."),
            statement(4, "Sales has a hand in writing the marketing plan."),
            statement(5, "Salespeople find the material Marketing produces genuinely useful in front of customers."),
            statement(6, "When Marketing asks Sales for feedback, it gets it without having to chase."),
            statement(7,
                    "Both teams mean the same thing by the same words, such as lead, qualified prospect and customer."),
            statement(8,
                    "The heads of Sales and Marketing regularly talk through early-stage matters: new ideas, signals "
                            + "from the market, where our products should go."),
            statement(9, "Sales and Marketing work out together how customers in each segment go about buying."),
            statement(10, "When the two teams meet, little of the time goes into settling disputes or fighting fires."),
            statement(11,
                    "The heads of Sales and Marketing plan together for what we will offer two or more years from now."),
            statement(12, "The same set of measures is used to judge how well both teams are doing."),
            statement(13, "Marketing helps shape and carry out the strategy for our most important accounts."),
            statement(14, "The two teams have built funnels or pipelines together that cover every step from first "
                    + "contact to long-term customer."),
            statement(15, "Marketing studies the data in the funnel to make its results easier to predict."),
            statement(16, "People in both teams feel that they win or lose together."),
            statement(17, "Sales and Marketing both answer to one executive responsible for revenue or for customers."),
            statement(18, "It is normal for people to move from Sales jobs to Marketing jobs and back."),
            statement(19, "The two teams train, go to events and learn together."),
            statement(20, "Each team helps prepare and present the other team's plans to senior leadership.")),
            Map.of(1, "Strongly disagree", 2, "Disagree", 3, "Neither agree nor disagree", 4, "Agree",
                    5, "Strongly agree"));

    public Instrument {
        statements = List.copyOf(statements);
        scale = Map.copyOf(scale);
    }

    /** Statement {@code number} with its short label from the shared rules as its theme. */
    private static Statement statement(int number, String text) {
        return new Statement(number, Statements.label(number), text);
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
