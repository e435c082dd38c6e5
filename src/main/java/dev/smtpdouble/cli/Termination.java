package dev.smtpdouble.cli;

import java.util.concurrent.CountDownLatch;

/** How the standalone server learns that it must stop: SIGTERM (a container stops) or SIGINT (Ctrl-C). */
final class Termination {

    private Termination() {
    }

    /** Takes over SIGTERM and SIGINT, so that both end in a graceful shutdown and exit code 0. */
    @SuppressWarnings("restriction")
    static CountDownLatch signalled() {
        CountDownLatch stop = new CountDownLatch(1);
        sun.misc.SignalHandler handler = signal -> stop.countDown();
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), handler);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
        return stop;
    }

    /** Waits for the latch, however often the thread is interrupted meanwhile; the interrupt is kept. */
    static void await(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
