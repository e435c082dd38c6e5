package dev.smtpdouble.policy;

/**
 * How many events each key had within a window of time, sliding or fixed. A sliding window keeps the
 * time of each of the last {@code max + 1} events of a key, so its count is exact at any instant up
 * to one over the maximum; a fixed window starts at a key's first event (as Postfix's anvil counts)
 * and starts over at the first event after it ends. Thread-safe.
 *
 * <p>Memory: at most {@link #MAX_KEYS} keys of {@link #BYTES_PER_KEY} bytes each, whatever their
 * text (1.2 MB), and for a sliding window the event times besides: 8 bytes each, {@code MAX_TIMES}
 * in all, and 16 a key for their array (8.2 MB).
 */
public final class RateWindow {

    /** Keys a window keeps; the least recently used go first. */
    public static final int MAX_KEYS = 10_000;
    /** Heap bytes a key takes at most, event times apart: the table's share and its counter (32). */
    public static final int BYTES_PER_KEY = BoundedTable.KEY_BYTES + 32;
    /** Event times all keys of a sliding window keep together, at most: fewer keys for a large maximum. */
    static final int MAX_TIMES = 1_000_000;

    private final int max;
    /** Events kept per key: one over the maximum, so "already over" can be told from "just full". */
    private final int kept;
    private final long windowMillis;
    private final boolean sliding;
    private final BoundedTable<Counts> table;

    /**
     * @param max          events allowed per window
     * @param windowMillis the window's length
     * @param sliding      a window ending now (true) or windows one after another from a key's first event
     */
    public RateWindow(int max, long windowMillis, boolean sliding) {
        if (max < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("a rate needs a maximum and a window of at least 1: " + max + " per "
                    + windowMillis + " ms");
        }
        this.max = max;
        this.kept = max == Integer.MAX_VALUE ? max : max + 1;
        this.windowMillis = windowMillis;
        this.sliding = sliding;
        this.table = new BoundedTable<>(sliding ? Math.max(1, Math.min(MAX_KEYS, MAX_TIMES / kept)) : MAX_KEYS);
    }

    /** Events of the key counted in the window at {@code now}, at most {@code max + 1}. */
    public synchronized int count(String key, long now) {
        Counts counts = table.get(key, now);
        return counts == null ? 0 : counts.count(now);
    }

    /** Whether the key already had {@code max} events in the window: one more would be one too many. */
    public boolean reached(String key, long now) {
        return count(key, now) >= max;
    }

    /** Counts an event of the key at {@code now}. */
    public synchronized void add(String key, long now) {
        table.getOrCreate(key, now, sliding ? Sliding::new : Fixed::new).add(now);
    }

    /** Milliseconds from {@code now} until the oldest event the key has in the window leaves it; 0 when it has none. */
    public synchronized long retryAfter(String key, long now) {
        Counts counts = table.get(key, now);
        return counts == null || counts.count(now) == 0 ? 0 : counts.freeAt(now) - now;
    }

    /** Keys the window keeps now (for tests of its bounds). */
    synchronized int keys() {
        return table.size();
    }

    private interface Counts extends BoundedTable.Expiring {
        int count(long now);

        void add(long now);

        /** When, at the earliest, one more event fits. */
        long freeAt(long now);
    }

    /** The times of the key's last events, oldest first, in a ring that grows up to {@code kept}. */
    private final class Sliding implements Counts {
        private long[] times = new long[Math.min(kept, 8)];
        private int first;
        private int size;

        @Override
        public int count(long now) {
            while (size > 0 && times[first] <= now - windowMillis) {
                first = (first + 1) % times.length;
                size--;
            }
            return size;
        }

        @Override
        public void add(long now) {
            count(now);
            if (size == times.length && size < kept) {
                grow();
            }
            if (size == kept) { // the oldest no longer matters: enough newer ones are in the window
                first = (first + 1) % times.length;
                size--;
            }
            times[(first + size) % times.length] = now;
            size++;
        }

        private void grow() {
            long[] larger = new long[Math.min(kept, times.length * 2)];
            for (int i = 0; i < size; i++) {
                larger[i] = times[(first + i) % times.length];
            }
            times = larger;
            first = 0;
        }

        @Override
        public long freeAt(long now) {
            return times[first] + windowMillis;
        }

        @Override
        public boolean expired(long now) {
            return count(now) == 0;
        }
    }

    /** The start of the key's current window and its count. */
    private final class Fixed implements Counts {
        private long start = Long.MIN_VALUE;
        private int count;

        private boolean over(long now) {
            return start == Long.MIN_VALUE || now - start >= windowMillis;
        }

        @Override
        public int count(long now) {
            return over(now) ? 0 : count;
        }

        @Override
        public void add(long now) {
            if (over(now)) {
                start = now;
                count = 0;
            }
            count = Math.min(kept, count + 1);
        }

        @Override
        public long freeAt(long now) {
            return start + windowMillis;
        }

        @Override
        public boolean expired(long now) {
            return over(now);
        }
    }
}
