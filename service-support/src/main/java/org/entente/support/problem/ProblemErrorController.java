package org.entente.support.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.AbstractErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring Boot's error page, answered the Entente way: every error that reaches {@code /error} (an unknown path, a
 * method not allowed, an unreadable body, a failed validation, anything that escaped a controller, a
 * {@code sendError}) is {@code application/problem+json} for programs ({@link ErrorProblems} says what went wrong);
 * a person whose browser asks for HTML still gets the service's error page (its {@code templates/error/} pages, or
 * Boot's plain one).
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController extends AbstractErrorController {

    private final ErrorAttributes errorAttributes;

    public ProblemErrorController(ErrorAttributes errorAttributes, List<ErrorViewResolver> viewResolvers) {
        super(errorAttributes, viewResolvers);
        this.errorAttributes = errorAttributes;
    }

    @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
    public ModelAndView page(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = getStatus(request);
        Map<String, Object> model = getErrorAttributes(request, ErrorAttributeOptions.defaults());
        response.setStatus(status.value());
        ModelAndView view = resolveErrorView(request, response, status, model);
        return view != null ? view : new ModelAndView("error", model);
    }

    @RequestMapping
    public ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return ResponseEntity.noContent().build();
        }
        ProblemDetail problem = ErrorProblems.describe(status,
                errorAttributes.getError(new ServletWebRequest(request)),
                (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE));
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path != null) {
            problem.setInstance(URI.create(path.toString()));
        }
        return Problems.answer(problem);
    }
}
