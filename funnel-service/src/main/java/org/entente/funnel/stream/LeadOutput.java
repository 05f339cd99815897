package org.entente.funnel.stream;

import org.apache.avro.specific.SpecificRecord;
import org.entente.funnel.domain.LeadSummary;

/** What the lead processor emits for one input: a dead letter, an alert, or the lead's new summary. */
sealed interface LeadOutput {

    /** The original bytes, to go to the events topic's DLQ with the rejection headers. */
    record DeadLetter(byte[] original) implements LeadOutput {
    }

    /** A {@code HandoffSlaBreached} or {@code EngagementRequested}, keyed by leadId. */
    record Alert(SpecificRecord event) implements LeadOutput {
    }

    /** The lead's summary after the change, to be folded into its organization's metrics. */
    record LeadChanged(LeadSummary summary) implements LeadOutput {
    }
}
