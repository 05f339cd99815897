package org.entente.survey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.entente.rules.ResponseValidity;
import org.entente.rules.Statements;
import org.junit.jupiter.api.Test;

class InstrumentTest {

    @Test
    void version_one_has_twenty_distinct_statements_numbered_in_order() {
        Instrument instrument = Instrument.current();

        assertThat(instrument.version()).isEqualTo("1");
        assertThat(instrument.statements()).extracting(Statement::number)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
        assertThat(instrument.statements()).extracting(Statement::text).doesNotHaveDuplicates()
                .allSatisfy(text -> assertThat(text).endsWith("."));
        assertThat(instrument.scale()).containsOnlyKeys(1, 2, 3, 4, 5);
        assertThat(Instrument.version("1")).contains(instrument);
        assertThat(Instrument.version("0")).isEmpty();
    }

    @Test
    void version_one_names_its_statements_as_the_shared_rules_do() {
        Instrument instrument = Instrument.current();

        assertThat(instrument.statementCount()).isEqualTo(Statements.COUNT);
        assertThat(instrument.statements()).extracting(Statement::theme).containsExactlyElementsOf(Statements.labels());
        assertThat(instrument.scale()).containsOnlyKeys(IntStream.rangeClosed(ResponseValidity.LOWEST_ANSWER,
                ResponseValidity.HIGHEST_ANSWER).boxed().toList());
    }

    @Test
    void the_ten_alignment_questions_match_the_context_fields() {
        assertThat(AlignmentQuestion.values()).hasSize(10);
        assertThat(AlignmentQuestion.byField("marketingMainlySupportsSales"))
                .contains(AlignmentQuestion.MARKETING_MAINLY_SUPPORTS_SALES);
        assertThat(AlignmentQuestion.byField("nothing")).isEmpty();
    }
}
