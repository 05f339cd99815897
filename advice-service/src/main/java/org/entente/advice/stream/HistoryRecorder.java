package org.entente.advice.stream;

import org.apache.kafka.streams.state.KeyValueStore;
import org.entente.events.AssessmentOpened;
import org.entente.events.StageClassified;

/**
 * Keeps each organization's assessments with their latest (eventually final) stage, keyed
 * {@code organization + '\u0000' + assessmentId} so one organization's history is a prefix scan.
 *
 * <p>The store is partitioned like the assessments, so with several instances each holds the history of the
 * assessments it advises, next to their openings (titles, dates). The report's trend gathers the organization's
 * history from every instance ({@code AcrossInstances} in the web layer, asking each instance that Kafka Streams'
 * metadata names as holding this store) rather than keeping it repartitioned by organization, because: it is read when
 * a person opens a report (rare) while it changes on every stage revision (often), so a second repartition topic and
 * its transactional writes on every revision would cost more than a few HTTP calls on a page view; each instance's
 * part comes with the titles and dates of its own assessments, which an organization-keyed copy would have to carry
 * over as well; the list of all assessments (the index page) needs the same gathering anyway; and it leaves the
 * advising topology as it is. What it costs: one request per other instance on each report, and while an instance
 * does not answer the trend leaves its assessments out and the page says so.
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
