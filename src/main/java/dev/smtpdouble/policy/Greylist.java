package dev.smtpdouble.policy;

/**
 * Greylisting as postgrey does it: the first attempt of a key (a client/sender/recipient triplet)
 * is deferred, and so is every retry before {@code minDelay}; a retry after it passes, and from then
 * on the key passes at once until it has not been seen for {@code retain}. A key that has not passed
 * within {@code retryWindow} of its first attempt starts over: its next attempt is a first attempt
 * again. With {@code maxAttempts} (as VaultSandbox offers), the attempt with that number passes
 * whatever the delay. Thread-safe.
 *
 * <p>Memory: at most {@link #MAX_KEYS} keys of {@link #BYTES_PER_KEY} bytes each, whatever their
 * text, so under 6.2 MiB in all (5 % of the launcher's 128 MiB heap).
 */
public final class Greylist {

    /** Keys kept; the least recently seen go first. */
    public static final int MAX_KEYS = 50_000;
    /** Heap bytes a key takes at most: the table's share and an {@code Entry} (two longs, an int, a flag: 40). */
    public static final int BYTES_PER_KEY = BoundedTable.KEY_BYTES + 40;

    /**
     * The verdict on one attempt.
     *
     * @param passed       whether the attempt passes
     * @param attempt      the attempt's number for this key since its first (1 = first)
     * @param waitedMillis how long after the key's first attempt this one came
     * @param leftMillis   when deferred: how long until the delay has passed (0 when passed)
     */
    public record Verdict(boolean passed, int attempt, long waitedMillis, long leftMillis) {
    }

    private final long minDelayMillis;
    private final long retainMillis;
    private final long retryWindowMillis;
    private final int maxAttempts;
    private final BoundedTable<Entry> table;

    /** @param maxAttempts the attempt that passes whatever the delay; 0 for none */
    public Greylist(long minDelayMillis, long retainMillis, long retryWindowMillis, int maxAttempts) {
        this(minDelayMillis, retainMillis, retryWindowMillis, maxAttempts, MAX_KEYS);
    }

    Greylist(long minDelayMillis, long retainMillis, long retryWindowMillis, int maxAttempts, int capacity) {
        this.minDelayMillis = minDelayMillis;
        this.retainMillis = retainMillis;
        this.retryWindowMillis = retryWindowMillis;
        this.maxAttempts = maxAttempts;
        this.table = new BoundedTable<>(capacity);
    }

    /** Records an attempt of the key at {@code now} and says whether it passes. */
    public synchronized Verdict attempt(String key, long now) {
        Entry entry = table.getOrCreate(key, now, () -> new Entry(now));
        entry.attempts++;
        entry.lastSeen = now;
        long waited = now - entry.firstSeen;
        boolean retry = entry.attempts > 1; // a first attempt is always deferred, also with no delay
        if (!entry.passed && retry && (waited >= minDelayMillis || (maxAttempts > 0 && entry.attempts >= maxAttempts))) {
            entry.passed = true;
        }
        return new Verdict(entry.passed, entry.attempts, waited,
                entry.passed ? 0 : Math.max(0, minDelayMillis - waited));
    }

    /** Keys kept now. */
    synchronized int keys() {
        return table.size();
    }

    private final class Entry implements BoundedTable.Expiring {
        final long firstSeen;
        long lastSeen;
        int attempts;
        boolean passed;

        Entry(long now) {
            firstSeen = now;
            lastSeen = now;
        }

        @Override
        public boolean expired(long now) {
            return passed ? now - lastSeen > retainMillis : now - firstSeen > retryWindowMillis;
        }
    }
}
