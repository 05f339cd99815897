package org.entente.scoring.domain;

import java.util.HashMap;
import java.util.Map;

/** The respondents of one assessment kept in a map, as the state store would keep them, for tests. */
public final class KeptRespondents implements AssessmentLedger.Respondents {

    private final Map<String, RespondentEntry> entries = new HashMap<>();

    @Override
    public RespondentEntry find(String respondentId) {
        return entries.get(respondentId);
    }

    @Override
    public void save(RespondentEntry entry) {
        entries.put(entry.counted().respondentId(), entry);
    }

    /** The respondent's entry, or {@code null}. */
    public RespondentEntry get(String respondentId) {
        return entries.get(respondentId);
    }

    public void clear() {
        entries.clear();
    }
}
