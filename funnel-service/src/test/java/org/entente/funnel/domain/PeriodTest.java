package org.entente.funnel.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodTest {

    @Test
    void aQuarterRunsThreeMonthsAndFollowsThePreviousQuarter() {
        Period q4 = Period.parse("2026-q4");

        assertThat(q4.label()).isEqualTo("2026-Q4");
        assertThat(q4.from()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(q4.to()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(q4.previous().label()).isEqualTo("2026-Q3");
        assertThat(Period.parse("2027-Q1").previous().label()).isEqualTo("2026-Q4");
    }

    @Test
    void aMonthFollowsThePreviousMonth() {
        Period march = Period.parse("2026-03");

        assertThat(march.to()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(march.previous().label()).isEqualTo("2026-02");
        assertThat(march.previous().to()).isEqualTo(march.from());
    }

    @Test
    void daysIncludeBothEndsAndFollowAsManyDaysBefore() {
        Period days = Period.days(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-10"));

        assertThat(days.to()).isEqualTo(Instant.parse("2026-11-11T00:00:00Z"));
        assertThat(days.previous().from()).isEqualTo(Instant.parse("2026-10-22T00:00:00Z"));
        assertThat(days.previous().to()).isEqualTo(days.from());
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> Period.parse("2026-Q5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Period.parse("2026-13")).hasMessageContaining("no such month");
        assertThatThrownBy(() -> Period.parse("last quarter")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Period.days(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-01")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
