package org.entente.scoring.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The running sums of an assessment's counted submissions: for each function, how many respondents it has, the sum
 * and the sum of squares of their totals, the sum of the answers to each statement, and for each of its roles how
 * many and the sum of their totals. That is everything a {@link Classification} is made of, kept in integers, so a
 * mean comes out exactly as it would from the submissions themselves, and adding a submission then removing it
 * leaves no trace. Its size depends on the number of statements, never on the number of respondents.
 *
 * <p>Every number belongs to one function, so one function's sums can be taken from another {@code Tallies}
 * ({@link #take}) while the other's stay: a revision may show one function's newer respondents and hold the other's
 * back.
 *
 * <p>It is mutable and not thread-safe, like the {@link AssessmentLedger} that owns it.
 */
public final class Tallies {

    private static final int FUNCTIONS = BusinessFunction.values().length;
    private static final int ROLES = Role.values().length;

    private final int statementCount;
    private final int[] count;
    private final long[] sum;
    private final long[] sumOfSquares;
    private final int[][] statementSums;
    private final int[][] roleCount;
    private final long[][] roleSum;

    private Tallies(int statementCount, int[] count, long[] sum, long[] sumOfSquares, int[][] statementSums,
            int[][] roleCount, long[][] roleSum) {
        this.statementCount = statementCount;
        this.count = count;
        this.sum = sum;
        this.sumOfSquares = sumOfSquares;
        this.statementSums = statementSums;
        this.roleCount = roleCount;
        this.roleSum = roleSum;
    }

    /** No submissions yet. */
    public static Tallies empty(int statementCount) {
        return new Tallies(statementCount, new int[FUNCTIONS], new long[FUNCTIONS], new long[FUNCTIONS],
                new int[FUNCTIONS][statementCount], new int[FUNCTIONS][ROLES], new long[FUNCTIONS][ROLES]);
    }

    /** The sums of these submissions. */
    public static Tallies of(int statementCount, Collection<Submission> counted) {
        Tallies tallies = empty(statementCount);
        counted.forEach(tallies::add);
        return tallies;
    }

    /** Counts a submission (its answers must rate every statement). */
    public void add(Submission submission) {
        apply(submission, 1);
    }

    /** Takes back a submission counted before (a respondent's earlier answers, being replaced). */
    public void remove(Submission submission) {
        apply(submission, -1);
    }

    private void apply(Submission s, int sign) {
        int f = s.function().ordinal();
        long total = 0;
        int[] statements = statementSums[f];
        for (int i = 0; i < statementCount; i++) {
            int answer = s.answers().get(i);
            statements[i] += sign * answer;
            total += answer;
        }
        count[f] += sign;
        sum[f] += sign * total;
        sumOfSquares[f] += sign * total * total;
        int r = s.role().ordinal();
        roleCount[f][r] += sign;
        roleSum[f][r] += sign * total;
    }

    public Tallies copy() {
        Tallies copy = empty(statementCount);
        for (BusinessFunction function : BusinessFunction.values()) {
            copy.take(this, function);
        }
        return copy;
    }

    /** Makes one function's sums those of {@code other} (of the same statement count); the other function's stay. */
    public void take(Tallies other, BusinessFunction function) {
        if (other.statementCount != statementCount) {
            throw new IllegalArgumentException("statement counts differ: " + other.statementCount + ", "
                    + statementCount);
        }
        int f = function.ordinal();
        count[f] = other.count[f];
        sum[f] = other.sum[f];
        sumOfSquares[f] = other.sumOfSquares[f];
        System.arraycopy(other.statementSums[f], 0, statementSums[f], 0, statementCount);
        System.arraycopy(other.roleCount[f], 0, roleCount[f], 0, ROLES);
        System.arraycopy(other.roleSum[f], 0, roleSum[f], 0, ROLES);
    }

    /** Whether one function's sums are the same in both. */
    public boolean sameFor(Tallies other, BusinessFunction function) {
        int f = function.ordinal();
        return count[f] == other.count[f] && sum[f] == other.sum[f] && sumOfSquares[f] == other.sumOfSquares[f]
                && Arrays.equals(statementSums[f], other.statementSums[f])
                && Arrays.equals(roleCount[f], other.roleCount[f]) && Arrays.equals(roleSum[f], other.roleSum[f]);
    }

    public int statementCount() {
        return statementCount;
    }

    /** How many respondents a function has. */
    public int count(BusinessFunction function) {
        return count[function.ordinal()];
    }

    /** The sum of a function's respondents' totals. */
    public long sum(BusinessFunction function) {
        return sum[function.ordinal()];
    }

    /** The sum of the squares of a function's respondents' totals. */
    public long sumOfSquares(BusinessFunction function) {
        return sumOfSquares[function.ordinal()];
    }

    /** The sum of a function's answers to one statement (0-based index). */
    public int statementSum(BusinessFunction function, int index) {
        return statementSums[function.ordinal()][index];
    }

    /** How many respondents (of both functions) have a role. */
    public int count(Role role) {
        int all = 0;
        for (int f = 0; f < FUNCTIONS; f++) {
            all += roleCount[f][role.ordinal()];
        }
        return all;
    }

    /** The sum of the totals of the respondents (of both functions) with a role. */
    public long sum(Role role) {
        long all = 0;
        for (int f = 0; f < FUNCTIONS; f++) {
            all += roleSum[f][role.ordinal()];
        }
        return all;
    }

    /** Every respondent counted, both functions. */
    public int respondentCount() {
        int all = 0;
        for (int c : count) {
            all += c;
        }
        return all;
    }

    /** How many respondents of one function have a role. */
    public int count(BusinessFunction function, Role role) {
        return roleCount[function.ordinal()][role.ordinal()];
    }

    /** The sum of the totals of one function's respondents with a role. */
    public long sum(BusinessFunction function, Role role) {
        return roleSum[function.ordinal()][role.ordinal()];
    }

    /**
     * Sets one function's sums as they were kept (what {@link #count(BusinessFunction)}, {@link #sum(BusinessFunction)},
     * {@link #sumOfSquares} and {@link #statementSum} said), its roles' apart ({@link #restore(BusinessFunction, Role,
     * int, long)}); for a store's reader.
     *
     * @throws IllegalArgumentException when the statement sums do not number {@link #statementCount}
     */
    public void restore(BusinessFunction function, int count, long sum, long sumOfSquares,
            List<Integer> statementSums) {
        if (statementSums.size() != statementCount) {
            throw new IllegalArgumentException(function + " has " + statementSums.size() + " statement sums, not "
                    + statementCount);
        }
        int f = function.ordinal();
        this.count[f] = count;
        this.sum[f] = sum;
        this.sumOfSquares[f] = sumOfSquares;
        for (int i = 0; i < statementCount; i++) {
            this.statementSums[f][i] = statementSums.get(i);
        }
    }

    /** Sets how many of one function's respondents have a role and the sum of their totals, as they were kept. */
    public void restore(BusinessFunction function, Role role, int count, long sum) {
        roleCount[function.ordinal()][role.ordinal()] = count;
        roleSum[function.ordinal()][role.ordinal()] = sum;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tallies t && statementCount == t.statementCount && Arrays.equals(count, t.count)
                && Arrays.equals(sum, t.sum) && Arrays.equals(sumOfSquares, t.sumOfSquares)
                && Arrays.deepEquals(statementSums, t.statementSums) && Arrays.deepEquals(roleCount, t.roleCount)
                && Arrays.deepEquals(roleSum, t.roleSum);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sum) + Arrays.deepHashCode(statementSums);
    }

    @Override
    public String toString() {
        return "Tallies" + Arrays.toString(count) + Arrays.toString(sum) + Arrays.deepToString(roleCount);
    }
}
