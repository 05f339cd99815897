package org.entente.scoring.domain;

/** A respondent's role within their function: its head, or a member of its staff. */
public enum Role {
    HEAD, STAFF
}
