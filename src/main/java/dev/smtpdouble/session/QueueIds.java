package dev.smtpdouble.session;

import java.util.concurrent.atomic.AtomicLong;

/** Queue ids for accepted messages, unique per server, in order: {@code 0000000001A}. */
public final class QueueIds {

    private final AtomicLong next = new AtomicLong(1);

    public String next() {
        String hex = Long.toHexString(next.getAndIncrement()).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(Math.max(0, 10 - hex.length())) + hex;
    }
}
