package org.entente.survey.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every assessment the service knows, rebuilt from the assessments topic at start and kept current as events are
 * published or read back.
 *
 * <p>Each change carries its position in the log (all events of one assessment share a partition, so positions of
 * one assessment compare). A change at or before the position already applied is ignored, which lets the service
 * apply its own events as soon as the broker acknowledges them and again, harmlessly, when it reads them back.
 */
public final class AssessmentStore {

    private record Entry(Assessment assessment, long position) {
    }

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();

    public void opened(Assessment assessment, long position) {
        byId.compute(assessment.id(), (id, known) -> {
            if (known != null && known.position >= position) {
                return known;
            }
            // A second opening of the same id (published by another application) updates the details, not the closing.
            Assessment kept = known == null || known.assessment.closedAt() == null ? assessment
                    : assessment.closedAt(known.assessment.closedAt());
            return new Entry(kept, position);
        });
    }

    /** Applies a closing; a closing of an unknown assessment is ignored. */
    public void closed(String assessmentId, Instant closedAt, long position) {
        byId.computeIfPresent(assessmentId, (id, known) -> known.position >= position ? known
                : new Entry(known.assessment.closedAt() == null ? known.assessment.closedAt(closedAt)
                        : known.assessment, position));
    }

    public Optional<Assessment> find(String assessmentId) {
        return Optional.ofNullable(assessmentId).map(byId::get).map(Entry::assessment);
    }

    /** All assessments, newest opening first. */
    public List<Assessment> all() {
        return byId.values().stream().map(Entry::assessment)
                .sorted(Comparator.comparing(Assessment::opensAt).reversed().thenComparing(Assessment::id))
                .toList();
    }

    /** One organization's assessments in the order they were opened: the rounds of a trend. */
    public List<Assessment> rounds(String organization) {
        return byId.values().stream().map(Entry::assessment)
                .filter(a -> a.organization().equals(organization))
                .sorted(Comparator.comparing(Assessment::opensAt).thenComparing(Assessment::id))
                .toList();
    }

    /** Open assessments whose closing time has passed. */
    public List<Assessment> dueToClose(Instant now) {
        return byId.values().stream().map(Entry::assessment).filter(a -> a.isDueToCloseAt(now)).toList();
    }
}
