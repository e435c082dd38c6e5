package dev.smtpdouble.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until the test moves it forward with {@link #advance(Duration)}.
 * Thread-safe; it never goes back. Give it to a server with
 * {@code SmtpDouble.builder().clock(clock)}: rate windows, greylisting, silences and journal
 * timestamps then follow it.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * try (SmtpDouble smtp = SmtpDouble.builder().clock(clock).scenario(Scenarios.load("postfix-postgrey")).start()) {
 *     // first attempt: greylisted
 *     clock.advance(Duration.ofMinutes(5));
 *     // retry: accepted
 * }
 * }</pre>
 */
public final class ManualClock extends Clock {

    /**
     * The latest time the clock reaches: the end of year 9999. Dates in mail carry four-digit years,
     * and {@link Clock#millis()}, which timestamps every connection, overflows beyond year 292278994.
     */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;
    private final List<Runnable> onAdvance;

    /** A clock standing at the current time, cut to whole seconds, in UTC. */
    public ManualClock() {
        this(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * A clock standing at this instant, in UTC.
     *
     * @throws IllegalArgumentException for an instant after {@link #LATEST}
     */
    public ManualClock(Instant start) {
        this(new AtomicReference<>(checkStart(start)), ZoneOffset.UTC, new CopyOnWriteArrayList<>());
    }

    private static Instant checkStart(Instant start) {
        if (Objects.requireNonNull(start, "start").isAfter(LATEST)) {
            throw new IllegalArgumentException("the clock cannot start past " + LATEST + ": " + start);
        }
        return start;
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone, List<Runnable> onAdvance) {
        this.now = now;
        this.zone = zone;
        this.onAdvance = onAdvance;
    }

    /**
     * Moves the clock forward, then tells whoever listens (a server re-checks its silent connections).
     *
     * @return the new time
     * @throws IllegalArgumentException for a negative duration (the clock never goes back), or one that
     *     would take it past {@link #LATEST}; the clock then stays where it is
     */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward: " + duration);
        }
        Instant moved = now.updateAndGet(instant -> {
            if (duration.compareTo(Duration.between(instant, LATEST)) > 0) {
                throw new IllegalArgumentException("the clock cannot move past " + LATEST + ": it stands at "
                        + instant + " and " + duration + " is too far");
            }
            return instant.plus(duration);
        });
        onAdvance.forEach(Runnable::run);
        return moved;
    }

    /**
     * Runs {@code listener} after each {@link #advance}, on the advancing thread; it must be quick.
     *
     * @return what stops the listening
     */
    public Runnable onAdvance(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        onAdvance.add(listener);
        return () -> onAdvance.remove(listener);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same clock (advancing one advances both), seen in another time zone. */
    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) ? this : new ManualClock(now, Objects.requireNonNull(other, "zone"), onAdvance);
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + "]";
    }
}
