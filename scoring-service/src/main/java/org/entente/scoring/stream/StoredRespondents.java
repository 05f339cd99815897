package org.entente.scoring.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.RespondentEntry;

/**
 * The respondents of one assessment, as the {@link ScoringTopology#RESPONDENTS} store keeps them: one entry per
 * respondent under a key made of the assessmentId (length first, so no id can pass for another) and the
 * respondentId. The store lives in the assessment's task, like its ledger.
 */
final class StoredRespondents implements AssessmentLedger.Respondents {

    private final KeyValueStore<String, RespondentEntry> store;
    private final String prefix;

    StoredRespondents(KeyValueStore<String, RespondentEntry> store, String assessmentId) {
        this.store = store;
        this.prefix = assessmentId.getBytes(StandardCharsets.UTF_8).length + ":" + assessmentId + "/";
    }

    @Override
    public RespondentEntry find(String respondentId) {
        return store.get(prefix + respondentId);
    }

    @Override
    public void save(RespondentEntry entry) {
        store.put(prefix + entry.counted().respondentId(), entry);
    }

    /** Every respondent of the assessment (a prefix scan; used once, at the closing). */
    List<RespondentEntry> all() {
        List<RespondentEntry> all = new ArrayList<>();
        try (KeyValueIterator<String, RespondentEntry> it = store.prefixScan(prefix, new StringSerializer())) {
            it.forEachRemaining(entry -> all.add(entry.value));
        }
        return all;
    }

    void remove(RespondentEntry entry) {
        store.delete(prefix + entry.counted().respondentId());
    }
}
