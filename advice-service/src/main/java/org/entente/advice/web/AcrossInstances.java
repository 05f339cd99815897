package org.entente.advice.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.entente.advice.stream.AdviceQueries;
import org.entente.advice.stream.AdviceTopology;
import org.entente.events.AssessmentOpened;
import org.entente.events.StageClassified;
import org.entente.support.relay.EveryInstance;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers no single instance holds, gathered from every instance (see {@code HistoryRecorder} for why they are
 * gathered rather than kept by organization): an organization's history for the report's trend, and the list of all
 * assessments. Each instance's own part comes from its stores ({@code local...}); the others' parts from the same
 * endpoints asked as a peer, which every instance answers with its own part.
 */
public final class AcrossInstances {

    static final String ASSESSMENTS_PATH = "/api/assessments";
    static final String HISTORY_PATH = "/api/organizations/{organization}/history";

    private static final TypeReference<List<TrendEntry>> TREND = new TypeReference<>() {
    };
    private static final TypeReference<List<AssessmentEntry>> ASSESSMENTS = new TypeReference<>() {
    };

    private final AdviceQueries queries;
    private final EveryInstance everyInstance;
    private final JsonMapper json;

    public AcrossInstances(AdviceQueries queries, EveryInstance everyInstance, JsonMapper json) {
        this.queries = queries;
        this.everyInstance = everyInstance;
        this.json = json;
    }

    /** The organization's assessments with their latest stages, from every instance. */
    public EveryInstance.Gathered<TrendEntry> history(String organization) {
        String path = HISTORY_PATH.replace("{organization}",
                URLEncoder.encode(organization, StandardCharsets.UTF_8).replace("+", "%20"));
        return everyInstance.gather(AdviceTopology.HISTORY_STORE, path, () -> localHistory(organization),
                body -> json.readValue(body, TREND));
    }

    /** This instance's part of the organization's history. */
    public List<TrendEntry> localHistory(String organization) {
        List<TrendEntry> entries = new ArrayList<>();
        for (StageClassified stage : queries.history(organization)) {
            entries.add(TrendEntry.of(queries.assessment(stage.getAssessmentId()).orElse(null), stage));
        }
        return entries;
    }

    /** Every assessment any instance knows. */
    public EveryInstance.Gathered<AssessmentEntry> assessments() {
        return everyInstance.gather(AdviceTopology.ASSESSMENTS_STORE, ASSESSMENTS_PATH, this::localAssessments,
                body -> json.readValue(body, ASSESSMENTS));
    }

    /** The assessments this instance knows, each with its stage when it has one. */
    public List<AssessmentEntry> localAssessments() {
        List<AssessmentEntry> entries = new ArrayList<>();
        for (AssessmentOpened opened : queries.assessments()) {
            entries.add(new AssessmentEntry(opened.getAssessmentId(), opened.getTitle(), opened.getOrganization(),
                    opened.getOpensAt(), queries.stage(opened.getAssessmentId())
                            .map(stage -> stage.getStage().name()).orElse(null)));
        }
        return entries;
    }
}
