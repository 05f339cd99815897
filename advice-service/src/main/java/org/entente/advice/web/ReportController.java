package org.entente.advice.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.entente.advice.stream.AdviceQueries;
import org.entente.events.AdviceGenerated;
import org.entente.events.AssessmentOpened;
import org.entente.events.StageClassified;
import org.entente.support.relay.EveryInstance;
import org.entente.support.relay.RelayProblem;
import org.entente.support.relay.SignedIn;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The server-rendered pages: the report of one assessment at {@code /assessments/{id}} and the list of all
 * assessments at {@code /}. A report is rendered by the instance hosting the assessment (the shared owner relay passes
 * the request there); its trend and the list are gathered from every instance ({@link AcrossInstances}), and a page
 * says when an instance did not answer. Every page names who is signed in and offers to sign out ({@link SignedIn}).
 */
@Controller
public class ReportController {

    private final AdviceQueries queries;
    private final AcrossInstances across;
    private final ReportAssembler assembler;

    public ReportController(AdviceQueries queries, AcrossInstances across, ReportAssembler assembler) {
        this.queries = queries;
        this.across = across;
        this.assembler = assembler;
    }

    /** Who is signed in, for the masthead of every page. */
    @ModelAttribute("signedIn")
    public SignedIn signedIn(HttpServletRequest request) {
        return SignedIn.of(request).orElse(null);
    }

    @GetMapping("/")
    public String index(Model model) {
        EveryInstance.Gathered<AssessmentEntry> assessments = orLocal(across::assessments, across::localAssessments);
        model.addAttribute("assessments", assessments.items().stream()
                .sorted(Comparator.comparing(AssessmentEntry::opensAt).reversed())
                .toList());
        model.addAttribute("missing", assessments.missing());
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
        EveryInstance.Gathered<TrendEntry> history = opened.map(o -> orLocal(() -> across.history(o.getOrganization()),
                        () -> across.localHistory(o.getOrganization())))
                .orElse(new EveryInstance.Gathered<>(List.of(), List.of()));
        model.addAttribute("report", assembler.assemble(opened.orElse(null), stage.get(), advice.get(),
                history.items()));
        model.addAttribute("missing", history.missing());
        return "report";
    }

    /** Gathered from every instance; only this instance's part while the others are not known (rebalancing). */
    private static <T> EveryInstance.Gathered<T> orLocal(Supplier<EveryInstance.Gathered<T>> everywhere,
            Supplier<List<T>> here) {
        try {
            return everywhere.get();
        } catch (RelayProblem othersUnknown) {
            return new EveryInstance.Gathered<>(here.get(), List.of("the other instances"));
        }
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

}
