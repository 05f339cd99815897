package org.entente.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementsTest {

    @Test
    void everyStatementHasOneDistinctLabel() {
        assertThat(Statements.labels()).hasSize(Statements.COUNT).doesNotHaveDuplicates();
        assertThat(Statements.label(1)).isEqualTo("Sales lands close to forecast");
        assertThat(Statements.label(20)).isEqualTo("Each helps present the other's plans upward");
    }

    @Test
    void aNumberBeyondTheInstrumentStillGetsAName() {
        assertThat(Statements.label(21)).isEqualTo("Statement 21");
        assertThat(Statements.label(0)).isEqualTo("Statement 0");
    }
}
