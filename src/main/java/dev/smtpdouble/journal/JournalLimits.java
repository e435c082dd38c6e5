package dev.smtpdouble.journal;

/**
 * How much a journal keeps. When a bound is reached the oldest sessions and messages are dropped
 * and counted; a session's transcript stops growing at its own bounds and counts what it left out.
 * Sizes are estimates of the memory kept (the raw bytes of a message, the text of a transcript
 * line, plus a fixed allowance per object), so the bytes bound holds the journal's memory, whatever
 * the clients send.
 *
 * @param entries        sessions kept, and messages kept (each)
 * @param bytes          sessions and messages together; the newest message is kept even when it alone
 *                       is larger
 * @param sessionEntries transcript entries of one session
 * @param sessionBytes   transcript of one session
 */
public record JournalLimits(int entries, long bytes, int sessionEntries, long sessionBytes) {

    /** 10 000 sessions and 10 000 messages, 64 MiB in all; 10 000 entries and 1 MiB per transcript. */
    public static final JournalLimits DEFAULTS = new JournalLimits(10_000, 64L << 20, 10_000, 1L << 20);

    public JournalLimits {
        atLeast("journal entries", entries, 1);
        if (entries > 1 << 30) {
            throw new IllegalArgumentException("journal entries must be at most " + (1 << 30) + ": " + entries);
        }
        atLeast("journal bytes", bytes, 1024);
        atLeast("transcript entries per session", sessionEntries, 1);
        atLeast("transcript bytes per session", sessionBytes, 1024);
    }

    public JournalLimits withEntries(int value) {
        return new JournalLimits(value, bytes, sessionEntries, sessionBytes);
    }

    public JournalLimits withBytes(long value) {
        return new JournalLimits(entries, value, sessionEntries, sessionBytes);
    }

    public JournalLimits withSessionLimits(int entries, long bytes) {
        return new JournalLimits(this.entries, this.bytes, entries, bytes);
    }

    private static void atLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ": " + value);
        }
    }
}
