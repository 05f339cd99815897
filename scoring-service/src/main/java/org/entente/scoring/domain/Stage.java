package org.entente.scoring.domain;

/**
 * The four stages of the Sales–Marketing relationship and the bands that map a total or a score onto them:
 * [20, 40) Undefined, [40, 60) Defined, [60, 80) Aligned, [80, 100] Integrated.
 */
public enum Stage {
    UNDEFINED, DEFINED, ALIGNED, INTEGRATED;

    /** The inner band edges; a score within {@link #NEAR_BOUNDARY_POINTS} of one of them is near a boundary. */
    static final double[] EDGES = {40, 60, 80};

    /** How close to a band edge a score must be to be flagged as near a boundary. */
    public static final double NEAR_BOUNDARY_POINTS = 2.0;

    /** The stage of a respondent's total or of a (mean) score. Values below 40 are Undefined, 80 and above Integrated. */
    public static Stage of(double value) {
        if (value < 40) {
            return UNDEFINED;
        }
        if (value < 60) {
            return DEFINED;
        }
        if (value < 80) {
            return ALIGNED;
        }
        return INTEGRATED;
    }

    /** True when the value lies within two points (inclusive) of an edge between two stages. */
    public static boolean nearBoundary(double value) {
        for (double edge : EDGES) {
            if (Math.abs(value - edge) <= NEAR_BOUNDARY_POINTS) {
                return true;
            }
        }
        return false;
    }
}
