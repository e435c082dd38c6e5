package dev.smtpdouble.journal;

import java.util.function.BooleanSupplier;

/**
 * Lets test threads wait for a change of the journal without holding anything the writers need. A
 * waiter checks its condition with no lock held; writers bump a version and notify only while
 * someone waits, so an event loop never waits for a reader that is copying.
 */
final class Signal {

    private final Object monitor = new Object();
    /** Threads between announcing themselves and giving up or succeeding. */
    private volatile int waiters;
    private volatile long version;

    /** Called by writers after each change is visible. */
    void changed() {
        if (waiters > 0) {
            synchronized (monitor) {
                version++;
                monitor.notifyAll();
            }
        }
    }

    /**
     * Checks {@code condition} now and after each change until it holds or {@code deadline}
     * ({@link System#nanoTime()}) passes.
     *
     * @return whether the condition held
     */
    boolean await(BooleanSupplier condition, long deadline) throws InterruptedException {
        synchronized (monitor) {
            waiters++; // before the first check: a change made after it is then signalled
        }
        try {
            while (true) {
                long seen = version;
                if (condition.getAsBoolean()) {
                    return true;
                }
                synchronized (monitor) {
                    while (version == seen) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return false;
                        }
                        monitor.wait(Math.max(1, left / 1_000_000));
                    }
                }
            }
        } finally {
            synchronized (monitor) {
                waiters--;
            }
        }
    }
}
