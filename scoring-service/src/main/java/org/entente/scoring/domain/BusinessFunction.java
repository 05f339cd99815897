package org.entente.scoring.domain;

/** The two functions whose relationship is measured. */
public enum BusinessFunction {
    SALES("Sales"), MARKETING("Marketing");

    private final String label;

    BusinessFunction(String label) {
        this.label = label;
    }

    /** The name a person reads, as in "waiting for 2 more responses from Sales". */
    public String label() {
        return label;
    }
}
