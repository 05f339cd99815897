package org.entente.advice.web;

import java.util.List;

/**
 * Everything the report page shows, already worded and formatted: the page template only lays it out.
 * Numbers are strings so the template needs no formatting logic; {@code *Json} fields feed the Chart.js charts.
 * {@code heldBack} says how many responses the revision leaves out to protect anonymity (empty when none);
 * {@code named} marks an assessment whose respondents were told that their answers are not anonymous.
 */
public record ReportView(
        String assessmentId,
        String title,
        String organization,
        String opened,
        String status,
        long revision,
        int respondentCount,
        boolean named,
        String heldBack,
        String score,
        String stage,
        String stageLabel,
        String stageSummary,
        double scorePosition,
        List<Band> bands,
        Side sales,
        Side marketing,
        String perceptionGap,
        boolean nearBoundary,
        String recommendation,
        String headline,
        List<String> rationale,
        List<Action> actions,
        List<FocusItem> weakest,
        List<FocusItem> gaps,
        String statementChartJson,
        List<TrendPoint> trend,
        String trendChartJson,
        String generatedAt) {

    /** One of the four stage bands on the 20–100 scale; {@code width} in percent of the scale. */
    public record Band(String stage, String label, int low, int high, double width, boolean current) {
    }

    /**
     * Where one function stands; {@code position} is percent along the 20–100 scale, {@code row} moves its pin
     * down a line when it would overlap the other function's.
     */
    public record Side(String name, String meanTotal, String stageLabel, int respondentCount, double position,
            int row) {
    }

    public record Action(int priority, String id, String title, String owner, String transition, String explanation,
            List<String> motivatedBy) {
    }

    public record FocusItem(int statement, String label, String mean, String detail, String suggestion) {
    }

    public record TrendPoint(String assessmentId, String title, String opened, String score, String stageLabel,
            String sales, String marketing, boolean current) {
    }
}
