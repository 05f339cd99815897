package org.entente.advice.stream;

import org.entente.events.AdviceGenerated;

/**
 * What the advising steps send downstream: an input accepted by the intake (on its way to the repartition), new
 * advice, or an input message rejected to the dead letters.
 */
sealed interface Emission {

    /** An input message that decodes and names its assessment, keyed by that assessmentId; its original bytes. */
    record Accepted(byte[] original) implements Emission {
    }

    record Advised(AdviceGenerated advice) implements Emission {
    }

    /**
     * The original bytes, bound for {@code deadLetterTopic}; the record's headers say why (see
     * {@link org.entente.schemas.DeadLetters}).
     */
    record Rejected(String deadLetterTopic, byte[] original) implements Emission {
    }
}
