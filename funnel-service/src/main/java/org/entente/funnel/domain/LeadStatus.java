package org.entente.funnel.domain;

/** Where a lead stands overall, on top of the step it is at. */
public enum LeadStatus {
    /** Being worked by the team that owns its step. */
    OPEN,
    /** Handed off by Marketing, waiting for Sales to accept or reject it. */
    HANDED_OFF,
    /** Rejected by Sales, waiting for Marketing to recycle it. */
    REJECTED,
    /** A customer: the deal was won. */
    WON,
    /** The deal was lost; the lead is no longer in the pipeline. */
    LOST
}
