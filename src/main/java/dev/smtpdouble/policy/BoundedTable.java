package dev.smtpdouble.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keys to entries, at most {@code capacity} of them. An expired entry counts as absent when it is
 * met; the least recently used entries go first when room is needed, expired or not, and a few
 * expired ones are swept with every insertion, so nothing grows without limit or lingers for long.
 *
 * <p>A key is kept as the first 128 bits of its SHA-256, not as its text. Clients choose that text
 * (a sender or recipient as long as a command line), so a table of texts bounded in count was not
 * bounded in bytes: 100 000 keys of 1 KB each filled a 128 MiB heap. A digest costs the same for
 * any key, so the count bound is a byte bound ({@link #KEY_BYTES} a key, plus its value), and no two
 * keys share an entry unless SHA-256 collides. Not thread-safe: its owner locks.
 */
final class BoundedTable<V extends BoundedTable.Expiring> {

    /** An entry that knows when it no longer matters. */
    interface Expiring {
        boolean expired(long now);
    }

    /**
     * Heap bytes a key takes, its value apart, with compressed references (any heap under 32 GiB):
     * the map's node (40), the digest (32) and its share of the hash array (at most 4 / 0.375).
     */
    static final int KEY_BYTES = 88;

    /** Expired entries removed from the least recently used end per insertion, at most. */
    private static final int SWEEP = 2;

    private final int capacity;
    private final LinkedHashMap<Digest, V> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final MessageDigest sha256;

    BoundedTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256"); // one per table: the owner's lock guards it
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The live entry of the key, or null (an expired one is dropped). */
    V get(String key, long now) {
        return get(digest(key), now);
    }

    /** The live entry of the key, made when there is none. */
    V getOrCreate(String key, long now, Supplier<V> fresh) {
        Digest digest = digest(key);
        V entry = get(digest, now);
        if (entry == null) {
            sweep(now);
            if (entries.size() >= capacity) {
                Iterator<V> eldest = entries.values().iterator();
                eldest.next();
                eldest.remove();
            }
            entry = fresh.get();
            entries.put(digest, entry);
        }
        return entry;
    }

    int size() {
        return entries.size();
    }

    private V get(Digest digest, long now) {
        V entry = entries.get(digest);
        if (entry != null && entry.expired(now)) {
            entries.remove(digest);
            return null;
        }
        return entry;
    }

    private Digest digest(String key) {
        byte[] hash = sha256.digest(key.getBytes(StandardCharsets.UTF_8));
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (hash[i] & 0xff);
            low = low << 8 | (hash[i + 8] & 0xff);
        }
        return new Digest(high, low);
    }

    private void sweep(long now) {
        Iterator<Map.Entry<Digest, V>> oldest = entries.entrySet().iterator();
        for (int i = 0; i < SWEEP && oldest.hasNext(); i++) {
            if (!oldest.next().getValue().expired(now)) {
                return;
            }
            oldest.remove();
        }
    }

    /** A key as stored: 128 bits of its SHA-256. */
    private record Digest(long high, long low) {
    }
}
