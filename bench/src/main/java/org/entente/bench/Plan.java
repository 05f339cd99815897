package org.entente.bench;

/**
 * How much of everything a run does: the full run, or the short smoke run CI calls (it proves the harness works;
 * its figures are too short to trust).
 */
record Plan(boolean smoke, int responses, int streamRuns, int wrkSeconds, int wrkWarmRuns, int producerRecords,
        int e2eAssessments, double e2eRate, int idleSeconds, int funnelEvents) {

    static Plan of(boolean smoke) {
        // a smoke run's funnel events must outlast one commit of the pass-through (about 50,000 a second), or its
        // first commit holds them all and there is nothing to time between commits
        return smoke ? new Plan(true, 10_000, 1, 5, 1, 20_000, 10, 5, 3, 20_000)
                : new Plan(false, 100_000, 3, 15, 3, 200_000, 100, 5, 10, 30_000);
    }
}
