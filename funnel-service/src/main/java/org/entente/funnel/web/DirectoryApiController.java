package org.entente.funnel.web;

import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.entente.funnel.domain.Contact;
import org.entente.funnel.domain.Directory;
import org.entente.funnel.domain.FunnelSettings;
import org.entente.funnel.stream.DirectoryBook;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The who-to-call directory, for admins: the contact each role resolves to for an organization (configured or
 * edited), and editing an organization's contact for a role, or ({@code *}) the one for every organization. An edit
 * replaces the configured entry of the same organization and role until it is removed. Any instance answers: every
 * instance reads the whole directory topic.
 */
@RestController
@RequestMapping("/api/funnel/directory")
public class DirectoryApiController {

    /** Roles as rules of engagement name them: lower case, digits and dashes. */
    private static final Pattern ROLE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final int MAX_TEXT = 200;

    private final DirectoryBook book;
    private final FunnelSettings settings;

    public DirectoryApiController(DirectoryBook book, FunnelSettings settings) {
        this.book = book;
        this.settings = settings;
    }

    /** What an admin sends for a role: who to call and how to reach them. */
    public record ContactRequest(String name, String address) {
    }

    /**
     * A role as it resolves: {@code organization} is the organization the contact is its own for, or null when it is
     * the one for every organization; {@code source} is {@code CONFIGURED} or {@code EDITED}.
     */
    public record EntryView(String role, String name, String address, String organization, String source) {

        static EntryView of(Directory.Entry e, String organization) {
            return new EntryView(e.role(), e.contact().name(), e.contact().address(),
                    e.ownToOrganization() ? organization : null, e.source().name());
        }
    }

    @Operation(operationId = "listDirectory", tags = "directory",
            summary = "Who to call for each role, as it resolves for an organization (or for every organization)")
    @GetMapping
    public List<EntryView> list(@RequestParam(required = false) String organization) {
        String org = organization == null || organization.isBlank() ? null : organization.trim();
        return settings.directory().entries(org).stream().map(e -> EntryView.of(e, org)).toList();
    }

    @Operation(operationId = "setDirectoryContact", tags = "directory",
            summary = "Set an organization's contact for a role ('*' as the organization: for every organization)",
            description = "Takes precedence over the configured contact of the same organization and role until it "
                    + "is removed. Answers once this instance has it.")
    @PutMapping("/{organization}/{role}")
    public EntryView set(@PathVariable String organization, @PathVariable String role,
            @RequestBody(required = false) ContactRequest request) {
        ContactRequest body = request == null ? new ContactRequest(null, null) : request;
        Map<String, String> fields = problems(organization, role, body.name(), body.address());
        AdminAnswers.rejectIfAny("invalid directory entry", fields);
        String org = scope(organization);
        Contact contact = new Contact(role.trim(), body.name().trim(), body.address().trim());
        book.put(org, contact);
        return new EntryView(contact.role(), contact.name(), contact.address(), org, Directory.Source.EDITED.name());
    }

    @Operation(operationId = "removeDirectoryContact", tags = "directory",
            summary = "Remove an edited contact, bringing back the configured one if there is one")
    @DeleteMapping("/{organization}/{role}")
    public ResponseEntity<?> remove(@PathVariable String organization, @PathVariable String role) {
        return book.remove(scope(organization), role.trim()) ? ResponseEntity.noContent().build()
                : AdminAnswers.notFound("no edited contact for " + role + " in " + organization);
    }

    /** What is wrong with an entry, by field; empty when nothing is. The page checks with this too. */
    static Map<String, String> problems(String organization, String role, String name, String address) {
        Map<String, String> fields = new LinkedHashMap<>();
        AdminAnswers.check(fields, "organization", organization);
        if (role == null || !ROLE.matcher(role.trim()).matches()) {
            fields.put("role", "a role is lower case letters, digits and dashes, like brand-manager");
        }
        AdminAnswers.text(fields, "name", name, MAX_TEXT);
        AdminAnswers.text(fields, "address", address, MAX_TEXT);
        return fields;
    }

    /** The organization an entry is for, or null for every organization ({@code *}). */
    static String scope(String organization) {
        String org = organization.trim();
        return DirectoryBook.EVERY_ORGANIZATION.equals(org) ? null : org;
    }
}
