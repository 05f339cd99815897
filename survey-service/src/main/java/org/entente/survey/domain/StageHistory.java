package org.entente.survey.domain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest stage of each scored assessment, read from the scoring service's stages topic. Revisions only move
 * forward: an older revision read late never replaces a newer one.
 */
public final class StageHistory {

    private final Map<String, StageSnapshot> latest = new ConcurrentHashMap<>();

    public void classified(StageSnapshot snapshot) {
        latest.merge(snapshot.assessmentId(), snapshot,
                (known, incoming) -> incoming.revision() >= known.revision() ? incoming : known);
    }

    public Optional<StageSnapshot> latest(String assessmentId) {
        return Optional.ofNullable(latest.get(assessmentId));
    }
}
