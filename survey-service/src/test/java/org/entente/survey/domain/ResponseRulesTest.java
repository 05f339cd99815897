package org.entente.survey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResponseRulesTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final Assessment OPEN = new Assessment("a-1", "acme", "Q2", "1", 20, 3,
            NOW.minusSeconds(3600), NOW.plusSeconds(3600), Set.of(), null);

    private static ResponseDraft draft(List<?> answers) {
        return new ResponseDraft(null, "a-1", "p-1", "SALES", "STAFF", answers, null);
    }

    @Test
    void a_complete_response_to_an_open_assessment_is_acceptable() {
        assertThat(ResponseRules.problems(draft(Collections.nCopies(20, 5)), Optional.of(OPEN), NOW)).isEmpty();
    }

    @Test
    void the_answer_count_must_match_the_statements() {
        assertThat(ResponseRules.problems(draft(Collections.nCopies(19, 3)), Optional.of(OPEN), NOW))
                .containsOnlyKeys("answers")
                .containsValue("must have 20 answers, one per statement, but has 19");
        assertThat(ResponseRules.problems(draft(null), Optional.of(OPEN), NOW)).containsOnlyKeys("answers");
    }

    @Test
    void each_answer_must_be_a_whole_number_from_1_to_5() {
        List<Object> answers = new ArrayList<>(Collections.nCopies(20, 3));
        answers.set(0, 0);
        answers.set(1, 6);
        answers.set(2, 2.5);
        answers.set(3, "4");
        answers.set(4, null);
        answers.set(5, 1);
        answers.set(6, 5);

        assertThat(ResponseRules.problems(draft(answers), Optional.of(OPEN), NOW))
                .containsOnlyKeys("answers[0]", "answers[1]", "answers[2]", "answers[3]", "answers[4]");
    }

    @Test
    void the_assessment_must_exist_and_be_open() {
        assertThat(ResponseRules.problems(draft(Collections.nCopies(20, 3)), Optional.empty(), NOW))
                .containsOnlyKeys("assessmentId");
        Assessment closedByHand = OPEN.closedAt(NOW.minusSeconds(1));
        assertThat(ResponseRules.problems(draft(Collections.nCopies(20, 3)), Optional.of(closedByHand), NOW))
                .containsOnlyKeys("assessmentId");
        assertThat(ResponseRules.problems(draft(Collections.nCopies(20, 3)), Optional.of(OPEN),
                OPEN.closesAt())).as("past its closing time, even before the closing is published")
                .containsOnlyKeys("assessmentId");
    }

    @Test
    void function_role_and_respondent_are_checked_by_name() {
        ResponseDraft bad = new ResponseDraft("has space", "a-1", " ", "sales", null, Collections.nCopies(20, 3),
                "2");

        assertThat(ResponseRules.problems(bad, Optional.of(OPEN), NOW))
                .containsOnlyKeys("responseId", "respondentId", "function", "role", "instrumentVersion");
    }
}
