package org.entente.scoring.web;

/**
 * A score query this instance could not pass on to the instance that holds the assessment: no credentials to send
 * with it, or the owner refused the ones sent. The caller was allowed to ask; the instances are configured
 * inconsistently (ENTENTE_PEER_TOKEN missing or different), which the message says.
 */
public class RelayRefusedException extends RuntimeException {

    public RelayRefusedException(String message) {
        super(message);
    }
}
