package org.entente.scoring.web;

/** The scores cannot be read right now (starting, rebalancing, or the owning instance is unreachable). */
public class ScoresUnavailableException extends RuntimeException {

    public ScoresUnavailableException(String message) {
        super(message);
    }
}
