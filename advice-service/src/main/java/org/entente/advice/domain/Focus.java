package org.entente.advice.domain;

/** A statement worth attention: one of the weakest, or one where Sales and Marketing see things far apart. */
public record Focus(int statement, Kind kind, double mean, Double gap, String suggestion) {

    public enum Kind {
        WEAKEST,
        PERCEPTION_GAP
    }
}
