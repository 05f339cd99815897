package org.entente.survey.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;

/**
 * Who has responded to each assessment, so organizers can watch participation rise. A respondent counts once however
 * often they re-submit (the latest submission's function and role count), and a repeated responseId is recognised
 * so that a retried request is not published twice.
 *
 * <p>It keeps respondent ids, tags and response ids, never answers. Thread-safe.
 */
public final class ResponseTally {

    private record Respondent(BusinessFunction function, Role role) {
    }

    private static final class PerAssessment {
        final Map<String, Respondent> respondents = new HashMap<>();
        final Set<String> responseIds = new HashSet<>();
    }

    private final Map<String, PerAssessment> byAssessment = new ConcurrentHashMap<>();

    /** Records a response; returns false when its responseId was already recorded (nothing changes then). */
    public boolean record(String assessmentId, String responseId, String respondentId, BusinessFunction function,
            Role role) {
        PerAssessment tally = byAssessment.computeIfAbsent(assessmentId, id -> new PerAssessment());
        synchronized (tally) {
            if (!tally.responseIds.add(responseId)) {
                return false;
            }
            tally.respondents.put(respondentId, new Respondent(function, role));
            return true;
        }
    }

    public boolean knows(String assessmentId, String responseId) {
        PerAssessment tally = byAssessment.get(assessmentId);
        if (tally == null) {
            return false;
        }
        synchronized (tally) {
            return tally.responseIds.contains(responseId);
        }
    }

    public boolean hasResponded(String assessmentId, String respondentId) {
        PerAssessment tally = byAssessment.get(assessmentId);
        if (tally == null) {
            return false;
        }
        synchronized (tally) {
            return tally.respondents.containsKey(respondentId);
        }
    }

    public ResponseCounts counts(String assessmentId) {
        PerAssessment tally = byAssessment.get(assessmentId);
        if (tally == null) {
            return ResponseCounts.NONE;
        }
        int[] counts = new int[4];
        synchronized (tally) {
            for (Respondent r : tally.respondents.values()) {
                counts[(r.function() == BusinessFunction.SALES ? 0 : 2) + (r.role() == Role.HEAD ? 0 : 1)]++;
            }
        }
        return new ResponseCounts(counts[0], counts[1], counts[2], counts[3]);
    }
}
