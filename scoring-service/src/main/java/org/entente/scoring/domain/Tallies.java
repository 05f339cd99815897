package org.entente.scoring.domain;

import java.util.Arrays;
import java.util.Collection;

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

    /** Writes the sums, in a fixed order, to {@code out} (see {@link #read}): each function's, roles included. */
    public void write(Sink out) {
        for (int f = 0; f < FUNCTIONS; f++) {
            out.putInt(count[f]);
            out.putLong(sum[f]);
            out.putLong(sumOfSquares[f]);
            for (int i = 0; i < statementCount; i++) {
                out.putInt(statementSums[f][i]);
            }
            for (int r = 0; r < ROLES; r++) {
                out.putInt(roleCount[f][r]);
                out.putLong(roleSum[f][r]);
            }
        }
    }

    /** Reads sums written by {@link #write}. */
    public static Tallies read(int statementCount, Source in) {
        Tallies t = empty(statementCount);
        for (int f = 0; f < FUNCTIONS; f++) {
            t.readFunction(f, in);
            for (int r = 0; r < ROLES; r++) {
                t.roleCount[f][r] = in.getInt();
                t.roleSum[f][r] = in.getLong();
            }
        }
        return t;
    }

    /**
     * Reads sums written by the earlier layout, which kept the roles' sums for both functions together after the
     * functions' own. Those cannot be split by function, so they are read and left out: heads and staff are shown
     * only for named assessments, and no assessment was named when that layout was written.
     */
    public static Tallies readWithoutRoles(int statementCount, Source in) {
        Tallies t = empty(statementCount);
        for (int f = 0; f < FUNCTIONS; f++) {
            t.readFunction(f, in);
        }
        for (int r = 0; r < ROLES; r++) {
            in.getInt();
            in.getLong();
        }
        return t;
    }

    private void readFunction(int f, Source in) {
        count[f] = in.getInt();
        sum[f] = in.getLong();
        sumOfSquares[f] = in.getLong();
        for (int i = 0; i < statementCount; i++) {
            statementSums[f][i] = in.getInt();
        }
    }

    /** Where {@link #write} puts the numbers (a byte buffer in the store's serde). */
    public interface Sink {
        void putInt(int value);

        void putLong(long value);
    }

    /** Where {@link #read} takes them from. */
    public interface Source {
        int getInt();

        long getLong();
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
