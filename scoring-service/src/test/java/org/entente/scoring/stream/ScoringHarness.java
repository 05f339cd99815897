package org.entente.scoring.stream;

import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.header.Headers;
import org.entente.events.StageClassified;

/**
 * What {@link ScoringScenarios} need from a running topology: put bytes on the input topics, read what came out.
 * Implemented over {@code TopologyTestDriver} and over the real embedded broker, so the same scenarios prove both.
 */
public interface ScoringHarness {

    void sendAssessmentEvent(String key, byte[] value);

    void sendResponse(String key, byte[] value);

    /**
     * The revisions published so far for one assessment, oldest first, once {@code done} holds for them
     * (immediately under the test driver; by polling against a broker, failing after a generous timeout).
     */
    List<StageClassified> stages(String assessmentId, Predicate<List<StageClassified>> done);

    /** The dead letters so far on {@code dlqTopic} whose key is {@code key}, once {@code done} holds for them. */
    List<DeadLetter> deadLetters(String dlqTopic, String key, Predicate<List<DeadLetter>> done);

    /** A message as it landed on a dead-letter topic. */
    record DeadLetter(String key, byte[] value, Headers headers) {
    }
}
