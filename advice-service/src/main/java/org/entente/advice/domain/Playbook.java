package org.entente.advice.domain;

import static org.entente.advice.domain.Owner.EXECUTIVE;
import static org.entente.advice.domain.Owner.JOINT;
import static org.entente.advice.domain.Owner.MARKETING;
import static org.entente.advice.domain.Owner.SALES;
import static org.entente.rules.Stage.ALIGNED;
import static org.entente.rules.Stage.DEFINED;
import static org.entente.rules.Stage.INTEGRATED;
import static org.entente.rules.Stage.UNDEFINED;

import java.util.List;
import java.util.Optional;
import org.entente.rules.Stage;

/**
 * The transition playbooks of the design: for each move up a stage, the actions that get an organization there.
 * Action ids are part of the public contract. The order here is the tie-breaker when two actions rank equally.
 */
public final class Playbook {

    public static final List<Play> ALL = List.of(
            new Play("rules-of-engagement", "Agree rules of engagement", UNDEFINED, DEFINED, JOINT, List.of(2, 10, 6),
                    "Write down who does what between the two teams: who calls which prospect, who answers which "
                            + "request, and how a dispute gets settled. Have both heads sign it this quarter."),
            new Play("lead-handoff-points", "Fix the lead handoff points", UNDEFINED, DEFINED, MARKETING,
                    List.of(14, 3, 15),
                    "Decide at which funnel step a lead passes from Marketing to Sales, what must be known about it "
                            + "by then, and how fast Sales responds."),
            new Play("common-lead-definition", "Define a lead together", UNDEFINED, DEFINED, JOINT, List.of(7, 9, 12),
                    "Agree one definition of a marketing-qualified and a sales-accepted lead, in words both teams "
                            + "use, and count leads that way in every report."),
            new Play("disciplined-communication", "Make communication regular and disciplined", DEFINED, ALIGNED,
                    JOINT, List.of(8, 6, 10, 19),
                    "Set a fixed rhythm: a monthly meeting of both heads and a short weekly exchange between the "
                            + "teams, each with an agenda and written follow-up."),
            new Play("joint-assignments", "Give the teams joint assignments", DEFINED, ALIGNED, JOINT,
                    List.of(4, 13, 18, 20),
                    "Staff a few pieces of work with people from both sides, such as a key-account plan, a campaign "
                            + "or a planning round, so each learns how the other works."),
            new Play("marketing-liaison", "Place a marketer with Sales", DEFINED, ALIGNED, MARKETING,
                    List.of(3, 5, 13),
                    "Name a marketer who works alongside the sales team, joins its pipeline meetings and brings what "
                            + "they hear back into Marketing's plans."),
            new Play("colocation", "Seat the teams together", DEFINED, ALIGNED, EXECUTIVE, List.of(7, 19, 10),
                    "Put salespeople and marketers near each other, on one floor or in shared channels, so everyday "
                            + "questions are answered in minutes instead of memos."),
            new Play("sales-feedback", "Build a sales feedback loop", DEFINED, ALIGNED, SALES, List.of(6, 5, 1),
                    "Give Sales an easy, regular way to tell Marketing what works with customers and what does not, "
                            + "and show them what changed because of it."),
            new Play("chief-revenue-officer", "Appoint a chief revenue officer", ALIGNED, INTEGRATED, EXECUTIVE,
                    List.of(17, 16, 2),
                    "Make one executive accountable for the whole revenue stream, with Sales and Marketing both "
                            + "reporting to that person."),
            new Play("shared-funnel", "Run one shared funnel", ALIGNED, INTEGRATED, JOINT, List.of(14, 15, 1),
                    "Manage a single funnel from first awareness to advocacy, where both teams see and act on the "
                            + "same pipeline data in real time."),
            new Play("split-marketing", "Split Marketing upstream and downstream", ALIGNED, INTEGRATED, MARKETING,
                    List.of(8, 11, 9),
                    "Separate long-range Marketing (markets, segments, future offerings) from the group that supports "
                            + "this quarter's selling, and pair each with its counterpart in Sales."),
            new Play("shared-targets-rewards", "Share targets and rewards", ALIGNED, INTEGRATED, EXECUTIVE,
                    List.of(16, 12, 2),
                    "Tie both teams' targets, and part of their pay, to the same revenue and customer outcomes."),
            new Play("integrated-metrics", "Measure both teams with integrated metrics", ALIGNED, INTEGRATED, JOINT,
                    List.of(12, 15, 1),
                    "Replace the two separate scorecards with one shared set, such as conversion, time to close and "
                            + "customer value, reviewed by both heads together."));

    private Playbook() {
    }

    /** The actions for moving up from {@code from}, in playbook order; empty from Integrated. */
    public static List<Play> from(Stage from) {
        return ALL.stream().filter(play -> play.from() == from).toList();
    }

    /** The action with this contract id, if the playbook has it. */
    public static Optional<Play> byId(String id) {
        return ALL.stream().filter(play -> play.id().equals(id)).findFirst();
    }
}
