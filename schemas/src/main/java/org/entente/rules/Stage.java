package org.entente.rules;

/**
 * The four stages of the Sales–Marketing relationship and the bands that map a respondent's total or a score onto
 * them: [20, 40) Undefined, [40, 60) Defined, [60, 80) Aligned, [80, 100] Integrated. So 59.5 is Defined and 60 is
 * Aligned. Scoring classifies with these bands and advice draws its report with them, so both read them here.
 *
 * <p>Mirrors the contract's {@code org.entente.events.Stage} by name; the services map between the two explicitly.
 */
public enum Stage {
    UNDEFINED("Undefined", 20, 40),
    DEFINED("Defined", 40, 60),
    ALIGNED("Aligned", 60, 80),
    INTEGRATED("Integrated", 80, 100);

    /** How close to an inner band edge (40, 60, 80) a score must be, inclusive, to be flagged as near a boundary. */
    public static final double NEAR_BOUNDARY_POINTS = 2.0;

    private final String label;
    private final int low;
    private final int high;

    Stage(String label, int low, int high) {
        this.label = label;
        this.low = low;
        this.high = high;
    }

    /** The stage's name as people read it: "Aligned". */
    public String label() {
        return label;
    }

    /** Lowest total or score in the band (inclusive). */
    public int low() {
        return low;
    }

    /** Highest total or score in the band (exclusive, except 100 for Integrated). */
    public int high() {
        return high;
    }

    /** The stage one up, or {@code null} from Integrated. */
    public Stage next() {
        return this == INTEGRATED ? null : values()[ordinal() + 1];
    }

    /** The stage of a respondent's total or of a (mean) score. Values below 40 are Undefined, 80 and above Integrated. */
    public static Stage of(double value) {
        for (Stage stage : values()) {
            if (value < stage.high) {
                return stage;
            }
        }
        return INTEGRATED;
    }

    /** True when the value lies within {@link #NEAR_BOUNDARY_POINTS} (inclusive) of an edge between two stages. */
    public static boolean nearBoundary(double value) {
        for (Stage stage : values()) {
            if (stage != INTEGRATED && Math.abs(value - stage.high) <= NEAR_BOUNDARY_POINTS) {
                return true;
            }
        }
        return false;
    }
}
