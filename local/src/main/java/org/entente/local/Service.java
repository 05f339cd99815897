package org.entente.local;

import java.util.List;

/**
 * The four Entente services as the local stack runs them: the module (which names the jar, the log file and the
 * state folder), the port of the design, and what a newcomer can open on each.
 */
public enum Service {

    SURVEY("survey-service", 8081, List.of(
            "POST /api/assessments", "POST /api/responses", "GET /api/assessments/{id}")),
    SCORING("scoring-service", 8082, List.of(
            "GET /api/assessments/{id}/score")),
    ADVICE("advice-service", 8083, List.of(
            "GET /api/assessments/{id}/advice", "report page: /assessments/{id}")),
    FUNNEL("funnel-service", 8084, List.of(
            "board: /", "POST /api/funnel/events", "GET /api/funnel/metrics?organization={org}",
            "live stream: /api/funnel/stream"));

    private final String module;
    private final int defaultPort;
    private final List<String> endpoints;

    Service(String module, int defaultPort, List<String> endpoints) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.endpoints = endpoints;
    }

    /** The Maven module, which is also the jar's name, the process name and the log file's name. */
    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The paths worth knowing about, for the start-up summary. */
    List<String> endpoints() {
        return endpoints;
    }
}
