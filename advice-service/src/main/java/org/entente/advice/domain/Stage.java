package org.entente.advice.domain;

/**
 * The four stages of the Sales–Marketing relationship and their bands on the 20–100 scale. Mirrors the contract's
 * {@code Stage} enum by name; kept here so the rules read without the Avro classes.
 */
public enum Stage {
    UNDEFINED("Undefined", 20, 40),
    DEFINED("Defined", 40, 60),
    ALIGNED("Aligned", 60, 80),
    INTEGRATED("Integrated", 80, 100);

    private final String label;
    private final int low;
    private final int high;

    Stage(String label, int low, int high) {
        this.label = label;
        this.low = low;
        this.high = high;
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
