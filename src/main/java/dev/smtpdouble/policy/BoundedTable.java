package dev.smtpdouble.policy;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keys to entries, at most {@code capacity} of them. An expired entry counts as absent when it is
 * met; the least recently used entries go first when room is needed, expired or not, and a few
 * expired ones are swept with every insertion, so nothing grows without limit or lingers for long.
 * Not thread-safe: its owner locks.
 */
final class BoundedTable<V extends BoundedTable.Expiring> {

    /** An entry that knows when it no longer matters. */
    interface Expiring {
        boolean expired(long now);
    }

    /** Expired entries removed from the least recently used end per insertion, at most. */
    private static final int SWEEP = 2;

    private final int capacity;
    private final LinkedHashMap<String, V> entries = new LinkedHashMap<>(16, 0.75f, true);

    BoundedTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** The live entry of the key, or null (an expired one is dropped). */
    V get(String key, long now) {
        V entry = entries.get(key);
        if (entry != null && entry.expired(now)) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    /** The live entry of the key, made when there is none. */
    V getOrCreate(String key, long now, Supplier<V> fresh) {
        V entry = get(key, now);
        if (entry == null) {
            sweep(now);
            if (entries.size() >= capacity) {
                Iterator<V> eldest = entries.values().iterator();
                eldest.next();
                eldest.remove();
            }
            entry = fresh.get();
            entries.put(key, entry);
        }
        return entry;
    }

    int size() {
        return entries.size();
    }

    private void sweep(long now) {
        Iterator<Map.Entry<String, V>> oldest = entries.entrySet().iterator();
        for (int i = 0; i < SWEEP && oldest.hasNext(); i++) {
            if (!oldest.next().getValue().expired(now)) {
                return;
            }
            oldest.remove();
        }
    }
}
