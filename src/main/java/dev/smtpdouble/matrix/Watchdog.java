package dev.smtpdouble.matrix;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.journal.TranscriptEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Watches one call of the code under test from another thread, so that code without a timeout
 * cannot stall the matrix: when a connection has waited longer than the hang limit for a reply
 * that never comes, or the call outlives the time limit, it closes the server (every open session
 * gets the shutdown 421 and is closed, which ends any blocking read), and if the call still does
 * not return, interrupts it.
 */
final class Watchdog implements AutoCloseable {

    private static final long TICK_MILLIS = 50;
    private static final Duration INTERRUPT_AFTER = Duration.ofSeconds(5);

    private final SmtpDouble smtp;
    private final Thread caller;
    private final Duration timeLimit;
    private final Duration hangLimit;
    private final Thread thread;
    private volatile boolean done;
    private volatile String stopped;
    /** Whether this watchdog interrupted the caller: then, and only then, the interrupt is cleared at close. */
    private boolean interruptedCaller;

    /** @param hangLimit how long a connection may wait for a reply that never comes; null not to watch */
    Watchdog(SmtpDouble smtp, Duration timeLimit, Duration hangLimit) {
        this.smtp = smtp;
        this.caller = Thread.currentThread();
        this.timeLimit = timeLimit;
        this.hangLimit = hangLimit;
        this.thread = new Thread(this::watch, "smtp-double-matrix-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    /** Why the call was stopped, or null when it ended by itself. */
    String stopped() {
        return stopped;
    }

    private void watch() {
        long start = System.nanoTime();
        while (!done && stopped == null) {
            pause(TICK_MILLIS);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            String hung = hangLimit == null ? null : hungSession();
            if (hung != null) {
                stop(hung);
            } else if (elapsed.compareTo(timeLimit) > 0) {
                stop("did not return within the matrix's time limit of " + Durations.brief(timeLimit));
            }
        }
        long stoppedAt = System.nanoTime();
        while (!done && System.nanoTime() - stoppedAt < INTERRUPT_AFTER.toNanos()) {
            pause(TICK_MILLIS);
        }
        synchronized (this) {
            if (!done) {
                interruptedCaller = true;
                caller.interrupt(); // the last resort for code that neither times out nor notices a closed server
            }
        }
    }

    /** A session waiting longer than the hang limit for the reply to its last command, described; or null. */
    private String hungSession() {
        Instant now = Instant.now();
        for (SessionRecord session : smtp.journal().sessions()) {
            List<TranscriptEntry> transcript = session.transcript();
            if (session.isOpen() && !transcript.isEmpty()
                    && transcript.get(transcript.size() - 1) instanceof TranscriptEntry.ClientCommand command
                    && Duration.between(command.at(), now).compareTo(hangLimit) > 0) {
                return "still waiting for a reply to " + command.line() + " after " + Durations.brief(hangLimit)
                        + ": set a read timeout (the matrix stopped it)";
            }
        }
        return null;
    }

    private void stop(String why) {
        stopped = why;
        smtp.close();
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        boolean clear;
        synchronized (this) {
            done = true;
            clear = interruptedCaller;
        }
        thread.interrupt();
        if (clear) {
            Thread.interrupted(); // the interrupt was meant for the call, not for the caller's next step
        }
    }
}
