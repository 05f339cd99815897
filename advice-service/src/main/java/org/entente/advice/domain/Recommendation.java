package org.entente.advice.domain;

/** Whether to stay at the current stage or move up one. */
public enum Recommendation {
    HOLD,
    MOVE_UP
}
