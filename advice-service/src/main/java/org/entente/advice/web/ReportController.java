package org.entente.advice.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.entente.advice.stream.AdviceQueries;
import org.entente.events.AdviceGenerated;
import org.entente.events.AssessmentOpened;
import org.entente.events.StageClassified;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The server-rendered pages: the report of one assessment at {@code /assessments/{id}} and a list of the assessments
 * this instance knows at {@code /}. Every page names who is signed in and offers to sign out ({@link SignedIn}).
 */
@Controller
public class ReportController {

    private final AdviceQueries queries;
    private final ReportAssembler assembler;

    public ReportController(AdviceQueries queries, ReportAssembler assembler) {
        this.queries = queries;
        this.assembler = assembler;
    }

    /** Who is signed in, for the masthead of every page. */
    @ModelAttribute("signedIn")
    public SignedIn signedIn(HttpServletRequest request) {
        return SignedIn.of(request).orElse(null);
    }

    @GetMapping("/")
    public String index(Model model) {
        List<AssessmentOpened> assessments = queries.assessments().stream()
                .sorted(Comparator.comparing(AssessmentOpened::getOpensAt).reversed())
                .toList();
        model.addAttribute("assessments", assessments.stream()
                .map(a -> new IndexEntry(a.getAssessmentId(), a.getTitle(), a.getOrganization(),
                        queries.stage(a.getAssessmentId()).map(s -> s.getStage().name()).orElse(null)))
                .toList());
        return "index";
    }

    @GetMapping("/assessments/{id}")
    public String report(@PathVariable String id, Model model) {
        Optional<AssessmentOpened> opened = queries.assessment(id);
        Optional<StageClassified> stage = queries.stage(id);
        Optional<AdviceGenerated> advice = queries.advice(id);
        if (stage.isEmpty() || advice.isEmpty()) {
            if (opened.isEmpty()) {
                throw new UnknownAssessmentException(id);
            }
            model.addAttribute("assessment", opened.get());
            return "waiting";
        }
        List<StageClassified> history = opened.map(o -> queries.history(o.getOrganization())).orElse(List.of());
        model.addAttribute("report", assembler.assemble(opened.orElse(null), stage.get(), advice.get(), history,
                other -> queries.assessment(other).orElse(null)));
        return "report";
    }

    @ExceptionHandler(UnknownAssessmentException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    public String unknown(UnknownAssessmentException e, Model model, HttpServletRequest request) {
        model.addAttribute("signedIn", signedIn(request));
        model.addAttribute("message", e.getMessage());
        return "not-found";
    }

    @ExceptionHandler(InvalidStateStoreException.class)
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    public String notReady(Model model, HttpServletRequest request) {
        model.addAttribute("signedIn", signedIn(request));
        model.addAttribute("message", "The service is still starting up; reload in a few seconds.");
        return "not-found";
    }

    /** One line of the index page. */
    public record IndexEntry(String assessmentId, String title, String organization, String stage) {
    }
}
