package org.entente.advice.stream;

import org.entente.events.AdviceGenerated;

/** What the advising processors send downstream: new advice, or an input message rejected to the dead letters. */
sealed interface Emission {

    record Advised(AdviceGenerated advice) implements Emission {
    }

    /** The original bytes; the record's headers say why (see {@link org.entente.schemas.DeadLetters}). */
    record Rejected(byte[] original) implements Emission {
    }
}
