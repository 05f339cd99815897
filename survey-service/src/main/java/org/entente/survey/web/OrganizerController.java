package org.entente.survey.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.support.relay.SignedIn;
import org.entente.survey.domain.AlignmentQuestion;
import org.entente.survey.domain.Assessment;
import org.entente.survey.domain.AssessmentDraft;
import org.entente.survey.domain.NotFoundException;
import org.entente.survey.domain.RejectedException;
import org.entente.survey.domain.ResponseRules;
import org.entente.survey.stream.AssessmentService;
import org.entente.survey.stream.InvitationService;
import org.entente.survey.stream.KafkaUnavailableException;
import org.entente.survey.stream.StateNotReadyException;
import org.entente.survey.stream.SurveyState;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organizer's pages: open an assessment (with the alignment questions in plain language), watch the response
 * counts rise, hand out personal and shared links, see who has not answered yet, close it, and follow the
 * organization's rounds. For admins only (see {@code SurveySecurityConfig}); every form carries its CSRF token
 * through {@code th:action}, and the header says who is signed in, with a button to sign out.
 */
@Controller
public class OrganizerController {

    private final AssessmentService assessments;
    private final InvitationService invitations;
    private final SurveyState state;
    private final Clock clock;

    public OrganizerController(AssessmentService assessments, InvitationService invitations, SurveyState state,
            Clock clock) {
        this.assessments = assessments;
        this.invitations = invitations;
        this.state = state;
        this.clock = clock;
    }

    /**
     * Who is signed in, for the pages' header, as every service's pages say it ({@link SignedIn}): a person with a
     * session gets the sign-out form, a program with a bearer token its name only.
     */
    @ModelAttribute("signedIn")
    SignedIn signedIn(HttpServletRequest request) {
        return SignedIn.of(request).orElse(null);
    }

    @GetMapping("/")
    public String home(Model model) {
        state.requireReady();
        Instant now = clock.instant();
        model.addAttribute("assessments", state.assessments().all().stream()
                .map(a -> AssessmentView.of(a, state.responses().counts(a.id()),
                        state.stages().latest(a.id()).orElse(null), now))
                .toList());
        model.addAttribute("questions", AlignmentQuestion.values());
        if (!model.containsAttribute("problems")) {
            model.addAttribute("problems", Map.of());
        }
        return "organizer/home";
    }

    @PostMapping("/assessments")
    public String open(@RequestParam Map<String, String> form, Model model) {
        Map<String, Boolean> context = new LinkedHashMap<>();
        for (AlignmentQuestion question : AlignmentQuestion.values()) {
            context.put(question.field(), "on".equals(form.get(question.field())));
        }
        Integer threshold = null;
        Instant closesAt = null;
        Map<String, String> problems = new LinkedHashMap<>();
        try {
            threshold = blank(form.get("anonymityThreshold")) ? null
                    : Integer.valueOf(form.get("anonymityThreshold").strip());
        } catch (NumberFormatException e) {
            problems.put("anonymityThreshold", "must be a whole number");
        }
        try {
            closesAt = blank(form.get("closesAt")) ? null
                    : LocalDateTime.parse(form.get("closesAt").strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            problems.put("closesAt", "must be a date and time");
        }
        try {
            if (!problems.isEmpty()) {
                throw new RejectedException("the assessment cannot be opened as asked", problems);
            }
            Assessment opened = assessments.open(new AssessmentDraft(null, form.get("organization"),
                    form.get("title"), threshold, closesAt, context, null, "on".equals(form.get("named"))));
            return "redirect:/assessments/" + opened.id();
        } catch (RejectedException e) {
            model.addAttribute("problems", e.fields());
            model.addAttribute("form", form);
            return home(model);
        }
    }

    @GetMapping("/assessments/{assessmentId}")
    public String show(@PathVariable String assessmentId, Model model) {
        Assessment assessment = assessments.find(assessmentId);
        Instant now = clock.instant();
        model.addAttribute("assessment", AssessmentView.of(assessment, state.responses().counts(assessmentId),
                state.stages().latest(assessmentId).orElse(null), now));
        model.addAttribute("open", assessment.isOpenAt(now));
        model.addAttribute("pending", state.invitations().personal(assessmentId).stream()
                .filter(i -> !i.isUsed()).toList());
        model.addAttribute("invited", state.invitations().personal(assessmentId).size());
        model.addAttribute("rounds", state.assessments().rounds(assessment.organization()).stream()
                .map(a -> AssessmentView.of(a, state.responses().counts(a.id()),
                        state.stages().latest(a.id()).orElse(null), now))
                .toList());
        model.addAttribute("questions", Arrays.stream(AlignmentQuestion.values())
                .filter(assessment::answered).map(AlignmentQuestion::question).toList());
        if (!model.containsAttribute("links")) {
            model.addAttribute("links", List.of());
        }
        return "organizer/assessment";
    }

    @PostMapping("/assessments/{assessmentId}/links")
    public String links(@PathVariable String assessmentId, @RequestParam String function, @RequestParam String role,
            @RequestParam(defaultValue = "personal") String kind, @RequestParam(required = false) Integer count,
            @RequestParam(required = false) String labels, Model model) {
        Assessment assessment = assessments.find(assessmentId);
        BusinessFunction f = ResponseRules.function(function).orElse(BusinessFunction.SALES);
        Role r = ResponseRules.role(role).orElse(Role.STAFF);
        try {
            if ("shared".equals(kind)) {
                model.addAttribute("links", List.of(InvitationController.view(invitations.share(assessment, f, r))));
            } else {
                List<String> labelList = labels == null ? List.of() : labels.lines().map(String::strip)
                        .filter(l -> !l.isEmpty()).toList();
                model.addAttribute("links", invitations.invite(assessment, f, r, count == null ? 1 : count, labelList)
                        .stream().map(InvitationController::view).toList());
            }
        } catch (RejectedException e) {
            model.addAttribute("linkProblem", String.join("; ", e.fields().values()));
        }
        return show(assessmentId, model);
    }

    @PostMapping("/assessments/{assessmentId}/close")
    public String close(@PathVariable String assessmentId) {
        assessments.close(assessmentId);
        return "redirect:/assessments/" + assessmentId;
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletResponse response) {
        response.setStatus(404);
        model.addAttribute("heading", "No such assessment");
        model.addAttribute("explanation", e.getMessage());
        return "link-problem";
    }

    @ExceptionHandler({KafkaUnavailableException.class, StateNotReadyException.class})
    String unavailable(RuntimeException e, Model model, HttpServletResponse response) {
        response.setStatus(503);
        model.addAttribute("heading", "Please try again in a minute");
        model.addAttribute("explanation", "The survey service cannot reach Kafka right now, so nothing was changed.");
        return "link-problem";
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
