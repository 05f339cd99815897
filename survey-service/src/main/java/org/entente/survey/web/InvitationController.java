package org.entente.survey.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.survey.domain.Assessment;
import org.entente.survey.domain.Invitation;
import org.entente.survey.domain.RejectedException;
import org.entente.survey.domain.ResponseRules;
import org.entente.survey.stream.AssessmentService;
import org.entente.survey.stream.InvitationService.IssuedLink;
import org.entente.survey.stream.InvitationService;
import org.entente.survey.stream.SurveyState;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Links to the respondent form: personal ones (one per respondent, tagged with function and role), shared ones (one
 * per function and role), and the reminder list of personal links not answered yet. A link's secret is in the reply
 * that creates it and nowhere else.
 */
@Tag(name = "invitations")
@RestController
public class InvitationController {

    /** The body of a request for personal links: {@code count} unlabelled ones, or one per label. */
    public record InviteRequest(String function, String role, Integer count, List<String> labels) {
    }

    public record ShareRequest(String function, String role) {
    }

    /** A new link; {@code url} holds the secret and is shown only here. */
    public record LinkView(String invitationId, String kind, String function, String role, String label,
            String url) {
    }

    public record Invited(String assessmentId, List<LinkView> links) {
    }

    /** A row of the reminder list: which personal link has not been answered. */
    public record Pending(String invitationId, String function, String role, String label, Instant createdAt) {
    }

    public record Reminders(String assessmentId, int invited, int answered, List<Pending> notYetAnswered) {
    }

    private final AssessmentService assessments;
    private final InvitationService invitations;
    private final SurveyState state;

    public InvitationController(AssessmentService assessments, InvitationService invitations, SurveyState state) {
        this.assessments = assessments;
        this.invitations = invitations;
        this.state = state;
    }

    @ApiResponse(responseCode = "404", description = "No such assessment")
    @Operation(operationId = "createInvitations",
            summary = "Create personal single-use links for respondents of one function and role")
    @PostMapping("/api/assessments/{assessmentId}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    public Invited invite(@PathVariable String assessmentId, @RequestBody InviteRequest request) {
        Assessment assessment = assessments.find(assessmentId);
        Tags tags = tags(request.function(), request.role());
        int count = request.count() == null ? 1 : request.count();
        List<IssuedLink> issued = invitations.invite(assessment, tags.function(), tags.role(), count,
                request.labels());
        return new Invited(assessmentId, issued.stream().map(InvitationController::view).toList());
    }

    @ApiResponse(responseCode = "404", description = "No such assessment")
    @Operation(operationId = "createSharedLink", summary = "Create a shared link for everyone of one function and role")
    @PostMapping("/api/assessments/{assessmentId}/shared-links")
    @ResponseStatus(HttpStatus.CREATED)
    public LinkView share(@PathVariable String assessmentId, @RequestBody ShareRequest request) {
        Assessment assessment = assessments.find(assessmentId);
        Tags tags = tags(request.function(), request.role());
        return view(invitations.share(assessment, tags.function(), tags.role()));
    }

    @ApiResponse(responseCode = "404", description = "No such assessment")
    @Operation(operationId = "listUnansweredInvitations",
            summary = "The reminder list: personal links not answered yet")
    @GetMapping("/api/assessments/{assessmentId}/invitations")
    public Reminders reminders(@PathVariable String assessmentId) {
        assessments.find(assessmentId);
        List<Invitation> personal = state.invitations().personal(assessmentId);
        List<Pending> pending = personal.stream().filter(i -> !i.isUsed())
                .map(i -> new Pending(i.invitationId(), i.function().name(), i.role().name(), i.label(),
                        i.createdAt()))
                .toList();
        return new Reminders(assessmentId, personal.size(), personal.size() - pending.size(), pending);
    }

    static LinkView view(IssuedLink link) {
        Invitation invitation = link.invitation();
        String url = ServletUriComponentsBuilder.fromCurrentContextPath().path("/r/{token}")
                .buildAndExpand(link.token()).toUriString();
        return new LinkView(invitation.invitationId(), invitation.kind().name(), invitation.function().name(),
                invitation.role().name(), invitation.label(), url);
    }

    private record Tags(BusinessFunction function, Role role) {
    }

    private static Tags tags(String function, String role) {
        var f = ResponseRules.function(function);
        var r = ResponseRules.role(role);
        if (f.isEmpty() || r.isEmpty()) {
            Map<String, String> problems = new LinkedHashMap<>();
            if (f.isEmpty()) {
                problems.put("function", "must be SALES or MARKETING");
            }
            if (r.isEmpty()) {
                problems.put("role", "must be HEAD or STAFF");
            }
            throw new RejectedException("a link needs a function and a role", problems);
        }
        return new Tags(f.get(), r.get());
    }
}
