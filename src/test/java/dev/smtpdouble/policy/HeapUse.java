package dev.smtpdouble.policy;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.function.Supplier;

/** What a structure retains on the heap: the heap in use after full collections, with and without it. */
final class HeapUse {

    /** What other threads of the test JVM may allocate or free between two measurements. */
    static final long NOISE = 256 * 1024;

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapUse() {
    }

    /**
     * Heap bytes the built structure retains. It is built twice and the second is measured: a first use
     * of a class or of string concatenation leaves objects of its own on the heap for good.
     */
    static long retainedBy(Supplier<?> build) {
        build.get();
        long before = used();
        Object built = build.get();
        long retained = used() - before;
        Reference.reachabilityFence(built);
        return retained;
    }

    /** Heap bytes in use once collections no longer free anything. */
    private static long used() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = MEMORY.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
