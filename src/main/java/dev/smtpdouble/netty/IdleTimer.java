package dev.smtpdouble.netty;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * How long a connection has been silent, and the check scheduled for the next threshold of that
 * silence (the scenario's idle rules, then the idle timeout). Silence counts in real time on the event
 * loop's ticker, or on the server's clock if a test moved that further. Confined to the event loop.
 */
final class IdleTimer {

    private final SilenceWatch thresholds;
    private final Clock clock;
    private final Runnable check;
    private EventExecutor loop;
    private ScheduledFuture<?> next;
    /** When the next check runs, on the event loop's ticker. */
    private long due;
    private long lastActivity;
    /** The last activity on the server's clock, which a test may move forward. */
    private long lastActivityOnClock;
    private long lastQuietChecked;

    /** @param check what runs on the event loop at each threshold */
    IdleTimer(SilenceWatch thresholds, Clock clock, Runnable check) {
        this.thresholds = thresholds;
        this.clock = clock;
        this.check = check;
    }

    void start(EventExecutor eventLoop) {
        this.loop = eventLoop;
    }

    /**
     * Client input (or a delayed answer to it): the silence starts now. The pending check is moved
     * only when it aims later than the first threshold from now, so most calls just store a time.
     */
    void touch() {
        lastActivity = loop.ticker().nanoTime();
        lastActivityOnClock = clock.millis();
        lastQuietChecked = 0;
        long first = thresholds.untilNext(0);
        if (first >= 0 && (next == null || due > lastActivity + TimeUnit.MILLISECONDS.toNanos(first))) {
            cancel();
            checkIn(first);
        }
    }

    /** Schedules the next check; a negative delay schedules none. */
    void checkIn(long delayMillis) {
        if (delayMillis >= 0) {
            due = loop.ticker().nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
            next = loop.schedule(check, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** The scheduled check is running (or was cancelled to run now): none is pending. */
    void checking() {
        next = null;
    }

    void cancel() {
        if (next != null) {
            next.cancel(false);
        }
    }

    /**
     * How long the connection has been silent: in real time, or on the server's clock if a test moved
     * that further (a wall clock keeps pace with real time, so then the ticker decides).
     */
    long quietMillis() {
        long real = TimeUnit.NANOSECONDS.toMillis(loop.ticker().nanoTime() - lastActivity);
        return Math.max(real, clock.millis() - lastActivityOnClock);
    }

    /**
     * Whether this silence crossed a threshold since it was last asked about: then it remembers
     * {@code quietMillis} and returns the silence asked about before (0 for none); otherwise -1.
     */
    long crossed(long quietMillis) {
        if (!thresholds.crossed(lastQuietChecked, quietMillis)) {
            return -1;
        }
        long previous = lastQuietChecked;
        lastQuietChecked = quietMillis;
        return previous;
    }

    /** Milliseconds until the next threshold of this silence; -1 when none is left. */
    long untilNext(long quietMillis) {
        return thresholds.untilNext(Math.max(quietMillis, lastQuietChecked));
    }
}
