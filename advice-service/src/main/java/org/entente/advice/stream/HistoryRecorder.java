package org.entente.advice.stream;

import org.apache.kafka.streams.state.KeyValueStore;
import org.entente.events.AssessmentOpened;
import org.entente.events.StageClassified;

/**
 * Keeps each organization's assessments with their latest (eventually final) stage, keyed
 * {@code organization + '\u0000' + assessmentId} so one organization's history is a prefix scan.
 *
 * <p>The store is partitioned like the assessments, so with several instances each holds the history of the
 * assessments it advises; the report's trend is complete only on a single instance for now.
 */
final class HistoryRecorder {

    static final char SEPARATOR = '\u0000';

    private final KeyValueStore<String, StageClassified> store;

    HistoryRecorder(KeyValueStore<String, StageClassified> store) {
        this.store = store;
    }

    static String key(String organization, String assessmentId) {
        return organization + SEPARATOR + assessmentId;
    }

    static String prefix(String organization) {
        return organization + SEPARATOR;
    }

    void record(AssessmentOpened opened, StageClassified stage) {
        store.put(key(opened.getOrganization(), opened.getAssessmentId()), stage);
    }

    void forget(String organization, String assessmentId) {
        store.delete(key(organization, assessmentId));
    }
}
