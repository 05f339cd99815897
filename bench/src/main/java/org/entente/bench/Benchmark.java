package org.entente.bench;

/**
 * One figure of the table (or a few rows of one): measures against what it was given when it was made and adds its
 * rows and its "how it was taken" note to the report. A benchmark never fails on a timing; it throws only when it
 * cannot measure at all.
 */
interface Benchmark {

    void measure(Report report) throws Exception;
}
