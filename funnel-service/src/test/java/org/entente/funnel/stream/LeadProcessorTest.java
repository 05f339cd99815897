package org.entente.funnel.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SLA clocks' store keys: they sort by deadline, so the clock key's prefix must be fixed-width digits. */
class LeadProcessorTest {

    @Test
    void aClockPrefixIsTheDeadlineInNineteenZeroPaddedDigits() {
        for (long millis : List.of(0L, 7L, 1_764_979_200_000L, 9_999_999_999_999L, Long.MAX_VALUE)) {
            assertThat(LeadProcessor.clockPrefix(millis)).isEqualTo(String.format("%019d", millis));
        }
        assertThat(LeadProcessor.clockPrefix(-5)).as("before the epoch: due at once").isEqualTo("0".repeat(19));
        assertThat(LeadProcessor.clockPrefix(99)).isLessThan(LeadProcessor.clockPrefix(100));
    }
}
