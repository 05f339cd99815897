package org.entente.funnel.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortedCountsTest {

    @Test
    void theLowerMedianAndTheLargestFollowEveryAddAndRemoveAsSortingWouldGiveThem() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            SortedCounts<Long> counts = new SortedCounts<>();
            List<Long> values = new ArrayList<>();
            for (int step = 0; step < 2_000; step++) {
                // few distinct values, so equal values and removing the median's own value are common
                if (values.isEmpty() || random.nextInt(5) < 3) {
                    long value = random.nextInt(seed % 2 == 0 ? 12 : 400);
                    counts.add(value);
                    values.add(value);
                } else {
                    counts.remove(values.remove(random.nextInt(values.size())));
                }
                List<Long> sorted = new ArrayList<>(values);
                Collections.sort(sorted);
                assertThat(counts.lowerMedian()).as("seed %d, step %d", seed, step)
                        .isEqualTo(sorted.isEmpty() ? null : sorted.get((sorted.size() - 1) / 2));
                assertThat(counts.last()).isEqualTo(sorted.isEmpty() ? null : sorted.get(sorted.size() - 1));
                assertThat(counts.isEmpty()).isEqualTo(sorted.isEmpty());
            }
        }
    }

    @Test
    void removingWhatWasNeverCountedIsRefused() {
        SortedCounts<Long> counts = new SortedCounts<>();
        counts.add(3L);
        assertThatThrownBy(() -> counts.remove(4L)).isInstanceOf(IllegalStateException.class);
        counts.remove(3L);
        assertThat(counts.lowerMedian()).isNull();
    }
}
