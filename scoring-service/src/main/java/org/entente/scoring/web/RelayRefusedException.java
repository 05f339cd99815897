package org.entente.scoring.web;

/**
 * The instance that holds an assessment refused the credentials this one relayed a score query with. The caller was
 * allowed to ask; the instances are configured inconsistently (ENTENTE_PEER_TOKEN different), which the message says.
 */
public class RelayRefusedException extends RuntimeException {

    public RelayRefusedException(String message) {
        super(message);
    }
}
