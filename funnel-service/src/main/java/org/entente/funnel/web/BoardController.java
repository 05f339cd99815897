package org.entente.funnel.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.entente.funnel.config.FunnelProperties;
import org.entente.funnel.domain.FunnelMetricsCalculator;
import org.entente.funnel.domain.EngagementPolicy;
import org.entente.funnel.domain.FunnelSettings;
import org.entente.funnel.domain.LeadSummary;
import org.entente.funnel.domain.Steps;
import org.entente.funnel.domain.TopAccounts;
import org.entente.funnel.stream.FunnelState;
import org.entente.support.relay.SignedIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live board at {@code /}: both teams' pipelines side by side, the handoffs in flight with their SLA clocks and
 * the shared metrics of one organization, and the rules of engagement about the organization as a whole (its top
 * accounts by open amount, the collateral waiting for Sales' review). The page is rendered with the current figures; {@code board.js} then
 * keeps it current from the live stream without a reload (the rules-of-engagement panel stays as rendered; their
 * alerts appear in the live activity). The header says who is signed in and with which role, and
 * offers to sign out when the person came with a session (not when a program sent a bearer token): {@link SignedIn},
 * which also names the person when another instance relayed the page here because this one holds the organization.
 */
@Controller
public class BoardController {

    private final FunnelApiController api;
    private final FunnelSettings settings;
    private final FunnelProperties properties;
    private final JsonMapper json;
    private final FunnelState state;

    public BoardController(FunnelApiController api, FunnelSettings settings, FunnelProperties properties,
            JsonMapper json, FunnelState state) {
        this.state = state;
        this.api = api;
        this.settings = settings;
        this.properties = properties;
        this.json = json;
    }

    @GetMapping("/")
    public String board(@RequestParam(required = false) String organization, HttpServletRequest request,
            Model model) {
        String org = organization == null || organization.isBlank() ? properties.boardOrganization()
                : organization.trim();
        MetricsView metrics;
        List<HandoffView> handoffs;
        List<LeadSummary> leads;
        boolean ready = true;
        try {
            metrics = api.allTimeMetrics(org);
            handoffs = api.handoffsInFlight(org);
            leads = state.leads(org);
        } catch (InvalidStateStoreException notYet) {
            metrics = MetricsView.from(FunnelMetricsCalculator.compute(org, List.of()));
            handoffs = List.of();
            leads = List.of();
            ready = false;
        }
        EngagementPolicy policy = settings.policy();
        model.addAttribute("topAccountCount", policy.topAccounts());
        model.addAttribute("topAccounts", EngagementViews.TopAccountView.of(TopAccounts.of(leads,
                policy.topAccounts())));
        model.addAttribute("reviews", EngagementViews.ReviewView.of(leads, policy.collateralReviewSla()));
        model.addAttribute("reviewSlaHours", policy.collateralReviewSla().toHours());
        model.addAttribute("organization", org);
        model.addAttribute("slaMillis", settings.slaFor(org).toMillis());
        model.addAttribute("marketingSteps", Steps.MARKETING.stream().map(Enum::name).toList());
        model.addAttribute("salesSteps", Steps.SALES.stream().map(Enum::name).toList());
        model.addAttribute("labels", Steps.IN_ORDER.stream()
                .collect(java.util.stream.Collectors.toMap(Enum::name, Steps::label)));
        model.addAttribute("metrics", metrics);
        model.addAttribute("handoffs", handoffs);
        model.addAttribute("ready", ready);
        model.addAttribute("signedIn", SignedIn.of(request).orElse(null));
        model.addAttribute("boardJson", json.writeValueAsString(Map.of(
                "organization", org,
                "slaMillis", settings.slaFor(org).toMillis(),
                "metrics", metrics,
                "handoffs", handoffs)));
        return "board";
    }
}
