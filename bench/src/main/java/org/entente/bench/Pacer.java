package org.entente.bench;

import java.util.concurrent.TimeUnit;

/** Paces a loop at a steady rate: {@link #awaitNext()} returns at the next tick (at once when behind). */
final class Pacer {

    private final long interval;
    private final long first;
    private long next;

    Pacer(double perSecond) {
        this.interval = (long) (1e9 / perSecond);
        this.first = System.nanoTime();
        this.next = first;
    }

    void awaitNext() throws InterruptedException {
        long wait = next - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        next += interval;
    }

    /** Seconds since the pacer was made. */
    double seconds() {
        return (System.nanoTime() - first) / 1e9;
    }
}
