package dev.atelier.bench.load;

import java.util.concurrent.locks.LockSupport;

/** The driver's clock: real in a run, fake in the tests of the scheduling maths. */
public interface Ticker {
    long nanoTime();

    /** Returns at or after {@code deadline} (in {@link #nanoTime()} terms). */
    void sleepUntil(long deadline) throws InterruptedException;

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadline) throws InterruptedException {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    };
}
