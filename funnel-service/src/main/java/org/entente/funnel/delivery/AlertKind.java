package org.entente.funnel.delivery;

/** The kinds of alert a route may ask for ({@code kinds: handoff-sla-breached, engagement-requested}). */
public enum AlertKind {
    HANDOFF_SLA_BREACHED, ENGAGEMENT_REQUESTED
}
