package org.entente.funnel.stream;

import org.apache.avro.specific.SpecificRecord;
import org.entente.funnel.domain.LeadHistory;
import org.entente.funnel.domain.LeadSummary;

/**
 * What the funnel's processors emit for one input: the intake ({@link FunnelIntake}) a dead letter or an accepted
 * event; the lead processor a dead letter, an alert, or the lead's new history.
 */
sealed interface LeadOutput {

    /** A funnel event that decodes, keyed by its organization, on its way to the repartition by organization. */
    record Accepted(byte[] event) implements LeadOutput {
    }

    /** The original bytes, to go to the events topic's DLQ with the rejection headers. */
    record DeadLetter(byte[] original) implements LeadOutput {
    }

    /** A {@code HandoffSlaBreached} or {@code EngagementRequested}, keyed by leadId. */
    record Alert(SpecificRecord event) implements LeadOutput {
    }

    /**
     * The lead's history after the change (already stored) and its summary, to be folded into its organization's
     * metrics; handed over in memory within the task.
     */
    record LeadChanged(LeadHistory history, LeadSummary summary) implements LeadOutput {
    }
}
