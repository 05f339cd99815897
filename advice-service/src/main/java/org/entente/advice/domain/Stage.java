package org.entente.advice.domain;

/**
 * The four stages of the Sales–Marketing relationship and their bands on the 20–100 scale. Mirrors the contract's
 * {@code Stage} enum by name; kept here so the rules read without the Avro classes.
 */
public enum Stage {
    UNDEFINED("Undefined", 20, 40,
            "Each team follows its own agenda, and friction is handled case by case, often with blame."),
    DEFINED("Defined", 40, 60,
            "Rules and handoff points keep conflict down, but the two teams still mostly work apart."),
    ALIGNED("Aligned", 60, 80,
            "The teams plan and work together on shared terms while keeping their distinct roles."),
    INTEGRATED("Integrated", 80, 100,
            "One revenue process: shared goals, metrics and rewards, with the boundary largely gone.");

    private final String label;
    private final int low;
    private final int high;
    private final String summary;

    Stage(String label, int low, int high, String summary) {
        this.label = label;
        this.low = low;
        this.high = high;
        this.summary = summary;
    }

    /** What the stage looks like day to day, in one sentence. */
    public String summary() {
        return summary;
    }

    public String label() {
        return label;
    }

    /** Lowest score in the band (inclusive). */
    public int low() {
        return low;
    }

    /** Highest score in the band (exclusive, except 100 for Integrated). */
    public int high() {
        return high;
    }

    /** The stage one up, or {@code null} from Integrated. */
    public Stage next() {
        return this == INTEGRATED ? null : values()[ordinal() + 1];
    }

    /** The band a total or score falls in: [20,40) Undefined, [40,60) Defined, [60,80) Aligned, [80,100] Integrated. */
    public static Stage of(double score) {
        if (score >= 80) {
            return INTEGRATED;
        }
        if (score >= 60) {
            return ALIGNED;
        }
        return score >= 40 ? DEFINED : UNDEFINED;
    }
}
