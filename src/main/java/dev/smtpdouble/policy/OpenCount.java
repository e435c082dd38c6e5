package dev.smtpdouble.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * How many connections hold each key now (a client address, a HELO name, a user). A key is dropped
 * when its last holder leaves, so the table is never larger than the number of open connections.
 * Keys are kept as text, unlike the digests of {@link BoundedTable}: there is at most one per open
 * connection, none longer than its command lines, so the table's bytes follow the open connections
 * (which {@code max_connections} bounds), not what clients sent before. Thread-safe.
 */
public final class OpenCount {

    private final Map<String, Integer> open = new HashMap<>();

    public synchronized int count(String key) {
        return open.getOrDefault(key, 0);
    }

    public synchronized void join(String key) {
        open.merge(key, 1, Integer::sum);
    }

    public synchronized void leave(String key) {
        open.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Keys held now (for tests that nothing is left behind). */
    public synchronized int keys() {
        return open.size();
    }
}
