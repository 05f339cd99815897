package org.entente.funnel.stream;

import org.apache.avro.specific.SpecificRecord;
import org.entente.funnel.domain.LeadHistory;

/**
 * What the funnel's processors emit for one input: the intake ({@link FunnelIntake}) a dead letter or an accepted
 * event; the lead processor a dead letter, an alert, or the lead's new history.
 */
sealed interface LeadOutput {

    /** A funnel event that decodes, keyed by its leadId, on its way to the by-lead repartition. */
    record Accepted(byte[] event) implements LeadOutput {
    }

    /** The original bytes, to go to the events topic's DLQ with the rejection headers. */
    record DeadLetter(byte[] original) implements LeadOutput {
    }

    /** A {@code HandoffSlaBreached} or {@code EngagementRequested}, keyed by leadId. */
    record Alert(SpecificRecord event) implements LeadOutput {
    }

    /** The lead's history after the change, to be folded into its organization's metrics. */
    record LeadChanged(LeadHistory history) implements LeadOutput {
    }
}
