package org.entente.funnel.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.entente.funnel.config.FunnelProperties;
import org.entente.funnel.domain.Contact;
import org.entente.funnel.domain.Period;
import org.entente.funnel.domain.PeriodTarget;
import org.entente.funnel.stream.DirectoryBook;
import org.entente.funnel.stream.RevenueTargets;
import org.entente.support.relay.SignedIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The admin pages: an organization's revenue targets and sales expenses ({@code /admin/targets}) and its who-to-call
 * directory ({@code /admin/directory}), each a list and a plain form (no script), posted with the session's CSRF
 * token. A valid form is saved and the page shown again (post, redirect, get); an invalid one comes back with
 * {@code 400}, each field at fault marked and named in a summary. Amounts are typed in whole currency units (cents
 * after the point) and kept in cents. Any instance serves them: every instance reads both topics whole.
 */
@Controller
public class AdminPagesController {

    private final RevenueTargets targets;
    private final DirectoryBook directory;
    private final DirectoryApiController directoryApi;
    private final FunnelProperties properties;

    public AdminPagesController(RevenueTargets targets, DirectoryBook directory, DirectoryApiController directoryApi,
            FunnelProperties properties) {
        this.targets = targets;
        this.directory = directory;
        this.directoryApi = directoryApi;
        this.properties = properties;
    }

    @GetMapping("/admin/targets")
    public String targetsPage(@RequestParam(required = false) String organization, HttpServletRequest request,
            Model model) {
        return targets(organizationOr(organization), Map.of(), Map.of(), request, model);
    }

    @PostMapping("/admin/targets")
    public String setTarget(@RequestParam(defaultValue = "") String organization,
            @RequestParam(defaultValue = "") String period, @RequestParam(defaultValue = "") String target,
            @RequestParam(defaultValue = "") String expense, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        AdminAnswers.checkOrganization(errors, organization);
        Period asked = null;
        try {
            asked = Period.parse(period);
        } catch (IllegalArgumentException e) {
            errors.put("period", e.getMessage());
        }
        Long targetCents = cents(errors, "target", target);
        Long expenseCents = cents(errors, "expense", expense);
        if (!errors.containsKey("target") && !errors.containsKey("expense")) {
            PeriodTarget.problems(targetCents, expenseCents).forEach((field, message) -> errors.putIfAbsent(
                    field.equals("targetCents") ? "target" : "expense", message));
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return targets(organization.trim(), errors, Map.of("period", period, "target", target, "expense",
                    expense), request, model);
        }
        targets.set(new PeriodTarget(organization.trim(), asked, targetCents, expenseCents));
        return redirect("/admin/targets", organization.trim(), "Saved the target for " + asked.label() + ".");
    }

    @PostMapping("/admin/targets/remove")
    public String removeTarget(@RequestParam String organization, @RequestParam String period) {
        Period asked = TargetsApiController.period(period);
        targets.remove(organization, asked);
        return redirect("/admin/targets", organization, "Removed the target for " + asked.label() + ".");
    }

    @GetMapping("/admin/directory")
    public String directoryPage(@RequestParam(required = false) String organization, HttpServletRequest request,
            Model model) {
        return directory(organizationOr(organization), Map.of(), Map.of(), request, model);
    }

    @PostMapping("/admin/directory")
    public String setContact(@RequestParam(defaultValue = "") String organization,
            @RequestParam(defaultValue = "own") String scope, @RequestParam(defaultValue = "") String role,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String address,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        boolean every = "every".equals(scope);
        Map<String, String> errors = DirectoryApiController.problems(organization, role, name, address);
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return directory(organization.trim(), errors, Map.of("role", role, "name", name, "address", address,
                    "scope", every ? "every" : "own"), request, model);
        }
        directory.put(every ? null : organization.trim(), new Contact(role.trim(), name.trim(), address.trim()));
        return redirect("/admin/directory", organization.trim(), "Saved the contact for " + role.trim()
                + (every ? " for every organization." : "."));
    }

    @PostMapping("/admin/directory/remove")
    public String removeContact(@RequestParam String organization, @RequestParam(defaultValue = "own") String scope,
            @RequestParam String role) {
        directory.remove("every".equals(scope) ? null : organization, role);
        return redirect("/admin/directory", organization, "Removed the edit for " + role + ".");
    }

    private String targets(String organization, Map<String, String> errors, Map<String, String> values,
            HttpServletRequest request, Model model) {
        common(organization, errors, values, request, model);
        model.addAttribute("targets", targets.of(organization).stream().map(TargetsApiController.TargetView::of)
                .toList());
        model.addAttribute("periods", PeriodChoices.around(java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
        return "admin-targets";
    }

    private String directory(String organization, Map<String, String> errors, Map<String, String> values,
            HttpServletRequest request, Model model) {
        common(organization, errors, values, request, model);
        model.addAttribute("entries", directoryApi.list(organization));
        return "admin-directory";
    }

    private void common(String organization, Map<String, String> errors, Map<String, String> values,
            HttpServletRequest request, Model model) {
        model.addAttribute("organization", organization);
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        model.addAttribute("saved", request.getParameter("saved"));
        model.addAttribute("signedIn", SignedIn.of(request).orElse(null));
    }

    private String organizationOr(String organization) {
        return organization == null || organization.isBlank() ? properties.boardOrganization() : organization.trim();
    }

    private static String redirect(String path, String organization, String saved) {
        return "redirect:" + UriComponentsBuilder.fromPath(path).queryParam("organization", organization)
                .queryParam("saved", saved).encode().build().toUriString();
    }

    /** An amount typed in whole units ("1,250,000" or "1250000.50") in cents; null when left empty. */
    private static Long cents(Map<String, String> errors, String field, String typed) {
        String text = typed.replace(",", "").replace(" ", "").replace("$", "").trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(text);
            if (amount.scale() > 2) {
                errors.put(field, "at most two digits after the point");
                return null;
            }
            return amount.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            errors.put(field, "'" + typed + "' is not an amount like 1,250,000 or 1250000.50");
            return null;
        }
    }
}
