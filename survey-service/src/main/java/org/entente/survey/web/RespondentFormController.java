package org.entente.survey.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.entente.survey.domain.Assessment;
import org.entente.survey.domain.Instrument;
import org.entente.survey.domain.Invitation;
import org.entente.survey.domain.RejectedException;
import org.entente.survey.domain.Statement;
import org.entente.survey.stream.InvitationService;
import org.entente.survey.stream.InvitationService.IssuedLink;
import org.entente.survey.stream.InvitationService.LinkCheck;
import org.entente.survey.stream.InvitationService.LinkRefusedException;
import org.entente.survey.stream.KafkaUnavailableException;
import org.entente.survey.stream.StateNotReadyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The page behind an invitation link: the twenty statements on a 1-to-5 scale, refused until every statement has
 * an answer, then a confirmation with a private link for changing the answers until the assessment closes. A link
 * that is unknown, used or closed gets a plain explanation page, never a stack trace.
 *
 * <p>Open to anyone who has a link (no sign-in), limited per link and per address by {@link RespondentRateLimit}. The
 * form posts back to its own address with a CSRF token ({@code th:action}), tied to the respondent's session.
 */
@Controller
public class RespondentFormController {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** One statement on the form, with the answer already chosen (if any) and whether it is missing. */
    public record StatementRow(int number, String text, String name, Integer chosen, boolean missing) {
    }

    private final InvitationService invitations;

    public RespondentFormController(InvitationService invitations) {
        this.invitations = invitations;
    }

    @GetMapping("/r/{token}")
    public String show(@PathVariable String token, Model model, HttpServletResponse response) {
        LinkCheck check;
        try {
            check = invitations.check(token);
        } catch (StateNotReadyException e) {
            return unavailable(model, response);
        }
        if (check.state() != InvitationService.LinkState.FORM) {
            return problem(check, model, response);
        }
        return form(token, check, Map.of(), false, null, model);
    }

    @PostMapping("/r/{token}")
    public String submit(@PathVariable String token, @RequestParam Map<String, String> params, Model model,
            HttpServletResponse response) {
        LinkCheck check;
        try {
            check = invitations.check(token);
        } catch (StateNotReadyException e) {
            return unavailable(model, response);
        }
        if (check.state() != InvitationService.LinkState.FORM) {
            return problem(check, model, response);
        }
        Map<Integer, Integer> chosen = chosen(params, check.assessment().statementCount());
        if (chosen.size() < check.assessment().statementCount()) {
            response.setStatus(400);
            return form(token, check, chosen, true, null, model);
        }
        List<Integer> answers = new ArrayList<>(chosen.values());
        try {
            IssuedLink returnLink = invitations.submit(token, answers);
            // Post/redirect/get: reloading the confirmation must not send the answers again.
            boolean changed = check.invitation().kind() == Invitation.Kind.RETURN;
            return "redirect:/r/" + returnLink.token() + "/thanks" + (changed ? "?updated" : "");
        } catch (LinkRefusedException e) {
            return problem(e.check(), model, response);
        } catch (KafkaUnavailableException | StateNotReadyException e) {
            response.setStatus(503);
            return form(token, check, chosen, false, "We could not save your answers just now. Nothing was lost on "
                    + "your side: your choices are still selected below. Please try sending them again in a minute.",
                    model);
        } catch (RejectedException e) {
            return problem(new LinkCheck(InvitationService.LinkState.CLOSED, check.invitation(), check.assessment()),
                    model, response);
        }
    }

    /** The confirmation, shown at the address of the private link that lets the respondent change their answers. */
    @GetMapping("/r/{token}/thanks")
    public String thanks(@PathVariable String token, @RequestParam(required = false) String updated, Model model,
            HttpServletResponse response) {
        LinkCheck check;
        try {
            check = invitations.check(token);
        } catch (StateNotReadyException e) {
            return unavailable(model, response);
        }
        if (check.state() != InvitationService.LinkState.FORM || check.invitation().kind() != Invitation.Kind.RETURN) {
            return problem(check, model, response);
        }
        model.addAttribute("title", check.assessment().title());
        model.addAttribute("organization", check.assessment().organization());
        model.addAttribute("returnUrl", ServletUriComponentsBuilder.fromCurrentContextPath().path("/r/{token}")
                .buildAndExpand(token).toUriString());
        model.addAttribute("closesAt", check.assessment().closesAt() == null ? null
                : DAY.format(check.assessment().closesAt()));
        model.addAttribute("changed", updated != null);
        return "thanks";
    }

    /** Answers by statement number, keeping only whole numbers on the scale. */
    private static Map<Integer, Integer> chosen(Map<String, String> params, int statements) {
        Map<Integer, Integer> chosen = new TreeMap<>();
        for (int number = 1; number <= statements; number++) {
            String value = params.get("s" + number);
            if (value != null && value.matches("[1-5]")) {
                chosen.put(number, Integer.parseInt(value));
            }
        }
        return chosen;
    }

    private String form(String token, LinkCheck check, Map<Integer, Integer> chosen, boolean showMissing,
            String notice, Model model) {
        Assessment assessment = check.assessment();
        Instrument instrument = Instrument.version(assessment.instrumentVersion()).orElse(Instrument.current());
        List<StatementRow> rows = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (Statement statement : instrument.statements()) {
            Integer answer = chosen.get(statement.number());
            boolean isMissing = showMissing && answer == null;
            if (isMissing) {
                missing.add(statement.number());
            }
            rows.add(new StatementRow(statement.number(), statement.text(), "s" + statement.number(), answer,
                    isMissing));
        }
        model.addAttribute("token", token);
        model.addAttribute("title", assessment.title());
        model.addAttribute("organization", assessment.organization());
        model.addAttribute("named", assessment.named());
        model.addAttribute("who", describe(check.invitation()));
        model.addAttribute("statements", rows);
        model.addAttribute("scale", new TreeMap<>(instrument.scale()));
        model.addAttribute("missing", missing);
        model.addAttribute("notice", notice);
        model.addAttribute("changing", check.invitation().kind() == Invitation.Kind.RETURN);
        model.addAttribute("closesAt", assessment.closesAt() == null ? null : DAY.format(assessment.closesAt()));
        return "form";
    }

    private static String describe(Invitation invitation) {
        String function = invitation.function().name().equals("SALES") ? "Sales" : "Marketing";
        return invitation.role().name().equals("HEAD") ? "the head of " + function : "the " + function + " team";
    }

    private String problem(LinkCheck check, Model model, HttpServletResponse response) {
        switch (check.state()) {
            case USED -> {
                response.setStatus(410);
                model.addAttribute("heading", "This link has already been used");
                model.addAttribute("explanation", "Each personal link takes one set of answers, and this one "
                        + "already has them. To change your answers, use the private link shown on the page that "
                        + "thanked you for answering.");
            }
            case CLOSED -> {
                response.setStatus(410);
                Assessment assessment = check.assessment();
                var closed = assessment.closedAt() != null ? assessment.closedAt() : assessment.closesAt();
                model.addAttribute("heading", "This survey has closed");
                model.addAttribute("explanation", "\u201c" + assessment.title() + "\u201d stopped taking answers on "
                        + DAY.format(closed) + ". Thank you for your interest.");
            }
            default -> {
                response.setStatus(404);
                model.addAttribute("heading", "This link does not work");
                model.addAttribute("explanation", "It may have been mistyped or cut short when it was copied. "
                        + "Please open the link exactly as you received it, or ask the person who sent it for a "
                        + "new one.");
            }
        }
        return "link-problem";
    }

    private String unavailable(Model model, HttpServletResponse response) {
        response.setStatus(503);
        model.addAttribute("heading", "The survey is starting up");
        model.addAttribute("explanation", "Please try again in a minute.");
        return "link-problem";
    }
}
