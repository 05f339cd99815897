package org.entente.survey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssessmentRulesTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void a_minimal_request_opens_with_the_current_instrument_and_the_default_threshold() {
        AssessmentDraft draft = new AssessmentDraft(null, " acme ", "Q2", null, null, null, null);

        assertThat(AssessmentRules.problems(draft, NOW)).isEmpty();
        Assessment assessment = AssessmentRules.toAssessment(draft, NOW);
        assertThat(assessment.id()).isNotBlank();
        assertThat(assessment.organization()).isEqualTo("acme");
        assertThat(assessment.instrumentVersion()).isEqualTo("1");
        assertThat(assessment.statementCount()).isEqualTo(20);
        assertThat(assessment.anonymityThreshold()).isEqualTo(3);
        assertThat(assessment.opensAt()).isEqualTo(NOW);
        assertThat(assessment.context()).isEmpty();
        assertThat(assessment.isOpenAt(NOW)).isTrue();
    }

    @Test
    void context_answers_become_the_questions_answered_yes() {
        AssessmentDraft draft = new AssessmentDraft("acme-q2", "acme", "Q2", 1, NOW.plusSeconds(60),
                Map.of("smallBusiness", true, "conflictsRecurring", false), null);

        Assessment assessment = AssessmentRules.toAssessment(draft, NOW);

        assertThat(assessment.id()).isEqualTo("acme-q2");
        assertThat(assessment.context()).containsExactly(AlignmentQuestion.SMALL_BUSINESS);
        assertThat(assessment.isDueToCloseAt(NOW.plusSeconds(60))).isTrue();
        assertThat(assessment.isOpenAt(NOW.plusSeconds(60))).isFalse();
    }

    @Test
    void an_anonymous_assessment_needs_a_threshold_of_at_least_three() {
        AssessmentDraft two = new AssessmentDraft(null, "acme", "Q2", 2, null, null, null);
        assertThat(AssessmentRules.problems(two, NOW)).containsOnlyKeys("anonymityThreshold");
        assertThat(AssessmentRules.problems(two, NOW).get("anonymityThreshold")).contains("at least 3", "named");
        AssessmentDraft notNamed = new AssessmentDraft(null, "acme", "Q2", 2, null, null, null, false);
        assertThat(AssessmentRules.problems(notNamed, NOW)).containsOnlyKeys("anonymityThreshold");
        assertThat(AssessmentRules.problems(new AssessmentDraft(null, "acme", "Q2", 3, null, null, null), NOW))
                .isEmpty();
    }

    @Test
    void a_named_assessment_may_go_lower_and_says_it_is_named() {
        AssessmentDraft two = new AssessmentDraft(null, "acme", "Q2", 1, null, null, null, true);
        assertThat(AssessmentRules.problems(two, NOW)).isEmpty();
        Assessment assessment = AssessmentRules.toAssessment(two, NOW);
        assertThat(assessment.named()).isTrue();
        assertThat(assessment.anonymityThreshold()).isEqualTo(1);
        assertThat(AssessmentRules.problems(new AssessmentDraft(null, "acme", "Q2", 0, null, null, null, true), NOW))
                .containsOnlyKeys("anonymityThreshold");
        assertThat(AssessmentRules.toAssessment(new AssessmentDraft(null, "acme", "Q2", null, null, null, null),
                NOW).named()).isFalse();
    }

    @Test
    void every_broken_rule_is_named_by_its_field() {
        AssessmentDraft draft = new AssessmentDraft("bad id", null, "", 0, NOW, Map.of("vibes", true), "7");

        assertThat(AssessmentRules.problems(draft, NOW)).containsOnlyKeys("assessmentId", "organization", "title",
                "anonymityThreshold", "closesAt", "context.vibes", "instrumentVersion");
    }
}
