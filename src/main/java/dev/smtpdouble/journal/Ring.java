package dev.smtpdouble.journal;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Entries numbered in arrival order, the oldest dropped first: a ring of slots that grows by
 * doubling up to the journal's capacity. One writer at a time (the journal's write lock); readers
 * take no lock and see each entry whole, or not at all once it was dropped (a slot's sequence number
 * tells a live entry from one that replaced it).
 */
final class Ring<T> {

    private record Slot<T>(long sequence, T value) {
    }

    /** The most slots: the capacity, rounded up to a power of two. */
    private final int maxSlots;
    private volatile AtomicReferenceArray<Slot<T>> slots;
    /** The sequence number of the oldest entry kept. */
    private volatile long first;
    /** The sequence number the next entry gets; entries are published by writing it. */
    private volatile long end;

    /**
     * @param capacity how many entries it must hold at most (at most 2^30); callers drop before they add
     * @param start    the sequence number of the first entry
     */
    Ring(int capacity, long start) {
        this.maxSlots = capacity <= 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
        this.slots = new AtomicReferenceArray<>(Math.min(maxSlots, 1024));
        this.first = start;
        this.end = start;
    }

    /** Appends the next entry; returns its sequence number. Callers hold the write lock. */
    long add(T value) {
        long sequence = end;
        if (sequence - first >= slots.length()) {
            grow();
        }
        AtomicReferenceArray<Slot<T>> array = slots;
        array.set(index(array, sequence), new Slot<>(sequence, value));
        end = sequence + 1;
        return sequence;
    }

    /** Drops the oldest entry; returns it, or null when there is none. Callers hold the write lock. */
    T removeFirst() {
        long sequence = first;
        if (sequence == end) {
            return null;
        }
        AtomicReferenceArray<Slot<T>> array = slots;
        Slot<T> slot = array.get(index(array, sequence));
        first = sequence + 1;
        array.set(index(array, sequence), null);
        return slot.value();
    }

    /** The oldest entry, or null. */
    T peekFirst() {
        return get(first);
    }

    /** The entry with this sequence number, or null when it is not kept (dropped, or not there yet). */
    T get(long sequence) {
        AtomicReferenceArray<Slot<T>> array = slots;
        if (sequence < first || sequence >= end) {
            return null;
        }
        Slot<T> slot = array.get(index(array, sequence));
        return slot != null && slot.sequence() == sequence ? slot.value() : null;
    }

    long first() {
        return first;
    }

    long end() {
        return end;
    }

    int size() {
        return (int) (end - first);
    }

    /** Twice the slots, at most the capacity (rounded up to a power of two), the live ones copied over. */
    private void grow() {
        AtomicReferenceArray<Slot<T>> old = slots;
        if (old.length() >= maxSlots) {
            throw new IllegalStateException("the ring is full: drop an entry first");
        }
        AtomicReferenceArray<Slot<T>> grown = new AtomicReferenceArray<>(old.length() * 2);
        for (long sequence = first; sequence < end; sequence++) {
            grown.set(index(grown, sequence), old.get(index(old, sequence)));
        }
        slots = grown;
    }

    private static int index(AtomicReferenceArray<?> array, long sequence) {
        return (int) (sequence & (array.length() - 1));
    }
}
