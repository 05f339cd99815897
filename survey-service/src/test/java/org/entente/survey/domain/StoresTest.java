package org.entente.survey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.Stage;
import org.junit.jupiter.api.Test;

/** The in-memory stores survive their own events being applied twice and out of order. */
class StoresTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private static Assessment assessment(String id, String organization, Instant opensAt) {
        return new Assessment(id, organization, "t", "1", 20, 3, opensAt, null, Set.of(), null);
    }

    @Test
    void an_event_read_back_after_it_was_applied_changes_nothing() {
        AssessmentStore store = new AssessmentStore();
        store.opened(assessment("a", "acme", T0), 4);
        store.closed("a", T0.plusSeconds(10), 5);

        store.opened(assessment("a", "acme", T0), 4);

        assertThat(store.find("a").orElseThrow().closedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void the_first_closing_wins_and_unknown_closings_are_ignored() {
        AssessmentStore store = new AssessmentStore();
        store.opened(assessment("a", "acme", T0), 0);
        store.closed("a", T0.plusSeconds(10), 1);
        store.closed("a", T0.plusSeconds(20), 2);
        store.closed("ghost", T0, 3);

        assertThat(store.find("a").orElseThrow().closedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(store.find("ghost")).isEmpty();
    }

    @Test
    void rounds_are_one_organizations_assessments_oldest_first() {
        AssessmentStore store = new AssessmentStore();
        store.opened(assessment("late", "acme", T0.plusSeconds(100)), 0);
        store.opened(assessment("early", "acme", T0), 0);
        store.opened(assessment("other", "globex", T0), 0);

        assertThat(store.rounds("acme")).extracting(Assessment::id).containsExactly("early", "late");
        assertThat(store.all()).extracting(Assessment::id).startsWith("late");
    }

    @Test
    void the_tally_counts_respondents_once_and_recognises_repeated_response_ids() {
        ResponseTally tally = new ResponseTally();

        assertThat(tally.record("a", "r1", "p1", BusinessFunction.SALES, Role.HEAD)).isTrue();
        assertThat(tally.record("a", "r1", "p1", BusinessFunction.SALES, Role.HEAD)).isFalse();
        tally.record("a", "r2", "p1", BusinessFunction.SALES, Role.HEAD);
        tally.record("a", "r3", "p2", BusinessFunction.MARKETING, Role.STAFF);
        tally.record("b", "r4", "p3", BusinessFunction.MARKETING, Role.STAFF);

        assertThat(tally.counts("a")).isEqualTo(new ResponseCounts(1, 0, 0, 1));
        assertThat(tally.counts("none")).isEqualTo(ResponseCounts.NONE);
        assertThat(tally.knows("a", "r2")).isTrue();
    }

    @Test
    void a_late_older_stage_revision_does_not_replace_a_newer_one() {
        StageHistory history = new StageHistory();
        history.classified(new StageSnapshot("a", 2, false, Stage.ALIGNED, 61, 6, T0));
        history.classified(new StageSnapshot("a", 1, false, Stage.DEFINED, 50, 5, T0));

        assertThat(history.latest("a").orElseThrow().stage()).isEqualTo(Stage.ALIGNED);
    }

    @Test
    void tokens_are_random_and_only_their_hash_is_kept() {
        String token = Tokens.newToken();

        assertThat(token).hasSizeGreaterThanOrEqualTo(43).doesNotContain("/", "+", "=");
        assertThat(Tokens.newToken()).isNotEqualTo(token);
        assertThat(Tokens.hash(token)).hasSize(64).isEqualTo(Tokens.hash(token)).doesNotContain(token);
    }
}
