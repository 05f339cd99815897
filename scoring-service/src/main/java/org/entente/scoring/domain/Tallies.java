package org.entente.scoring.domain;

import java.util.Arrays;
import java.util.Collection;

/**
 * The running sums of an assessment's counted submissions: for each function, how many respondents it has, the sum
 * and the sum of squares of their totals, and the sum of the answers to each statement; for each role, how many
 * and the sum of their totals. That is everything a {@link Classification} is made of, kept in integers, so a mean
 * comes out exactly as it would from the submissions themselves, and adding a submission then removing it leaves no
 * trace. Its size depends on the number of statements, never on the number of respondents.
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
    private final int[] roleCount;
    private final long[] roleSum;

    private Tallies(int statementCount, int[] count, long[] sum, long[] sumOfSquares, int[][] statementSums,
            int[] roleCount, long[] roleSum) {
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
                new int[FUNCTIONS][statementCount], new int[ROLES], new long[ROLES]);
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
        roleCount[r] += sign;
        roleSum[r] += sign * total;
    }

    public Tallies copy() {
        int[][] statements = new int[FUNCTIONS][];
        for (int f = 0; f < FUNCTIONS; f++) {
            statements[f] = statementSums[f].clone();
        }
        return new Tallies(statementCount, count.clone(), sum.clone(), sumOfSquares.clone(), statements,
                roleCount.clone(), roleSum.clone());
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
        return roleCount[role.ordinal()];
    }

    /** The sum of the totals of the respondents with a role. */
    public long sum(Role role) {
        return roleSum[role.ordinal()];
    }

    /** Every respondent counted, both functions. */
    public int respondentCount() {
        int all = 0;
        for (int c : count) {
            all += c;
        }
        return all;
    }

    /** Writes the sums, in a fixed order, to {@code out} (see {@link #read}). */
    public void write(Sink out) {
        for (int f = 0; f < FUNCTIONS; f++) {
            out.putInt(count[f]);
            out.putLong(sum[f]);
            out.putLong(sumOfSquares[f]);
            for (int i = 0; i < statementCount; i++) {
                out.putInt(statementSums[f][i]);
            }
        }
        for (int r = 0; r < ROLES; r++) {
            out.putInt(roleCount[r]);
            out.putLong(roleSum[r]);
        }
    }

    /** Reads sums written by {@link #write}. */
    public static Tallies read(int statementCount, Source in) {
        Tallies t = empty(statementCount);
        for (int f = 0; f < FUNCTIONS; f++) {
            t.count[f] = in.getInt();
            t.sum[f] = in.getLong();
            t.sumOfSquares[f] = in.getLong();
            for (int i = 0; i < statementCount; i++) {
                t.statementSums[f][i] = in.getInt();
            }
        }
        for (int r = 0; r < ROLES; r++) {
            t.roleCount[r] = in.getInt();
            t.roleSum[r] = in.getLong();
        }
        return t;
    }

    /** How many bytes {@link #write} takes for {@code statementCount} statements. */
    public static int encodedSize(int statementCount) {
        return FUNCTIONS * (4 + 8 + 8 + 4 * statementCount) + ROLES * (4 + 8);
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
                && Arrays.deepEquals(statementSums, t.statementSums) && Arrays.equals(roleCount, t.roleCount)
                && Arrays.equals(roleSum, t.roleSum);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sum) + Arrays.deepHashCode(statementSums);
    }

    @Override
    public String toString() {
        return "Tallies" + Arrays.toString(count) + Arrays.toString(sum) + Arrays.toString(roleCount);
    }
}
