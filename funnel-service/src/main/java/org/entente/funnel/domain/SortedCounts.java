package org.entente.funnel.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * Values counted in order, for the running totals of {@link FunnelTally}: adding or removing one value costs
 * O(log n), and so does asking for the lower median or the largest value. The median is kept as a position (a value
 * and how many values lie below it) that each change moves by at most one value, so it is never searched for.
 */
final class SortedCounts<T extends Comparable<? super T>> {

    private final TreeMap<T, Integer> counts = new TreeMap<>();
    private int size;
    /** The value at the lower median's position, null while empty. */
    private T median;
    /** How many values are smaller than {@link #median}. */
    private int below;

    void add(T value) {
        counts.merge(value, 1, Integer::sum);
        size++;
        if (median == null) {
            median = value;
            below = 0;
        } else if (value.compareTo(median) < 0) {
            below++;
        }
        settle();
    }

    /** Removes one occurrence of {@code value}, which must have been added and not yet removed. */
    void remove(T value) {
        Integer count = counts.get(value);
        if (count == null) {
            throw new IllegalStateException("removing " + value + ", which is not counted");
        }
        size--;
        if (count == 1) {
            counts.remove(value);
        } else {
            counts.put(value, count - 1);
        }
        if (size == 0) {
            median = null;
            below = 0;
            return;
        }
        int order = value.compareTo(median);
        if (order < 0) {
            below--;
        } else if (order == 0 && count == 1) {
            // the median's value is gone: its successor has the same values below it; without one, its predecessor
            Map.Entry<T, Integer> next = counts.higherEntry(value);
            if (next != null) {
                median = next.getKey();
            } else {
                Map.Entry<T, Integer> previous = counts.lowerEntry(value);
                median = previous.getKey();
                below -= previous.getValue();
            }
        }
        settle();
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The lower of the two middle values for an even count (a value that was actually counted); null while empty. */
    T lowerMedian() {
        return median;
    }

    /** The largest value counted; null while empty. */
    T last() {
        return size == 0 ? null : counts.lastKey();
    }

    /** Moves the median's position until it holds the value at index (size - 1) / 2. */
    private void settle() {
        int target = (size - 1) / 2;
        while (target < below) {
            Map.Entry<T, Integer> previous = counts.lowerEntry(median);
            median = previous.getKey();
            below -= previous.getValue();
        }
        while (target >= below + counts.get(median)) {
            below += counts.get(median);
            median = counts.higherKey(median);
        }
    }
}
