package dev.smtpdouble.journal;

/**
 * Told what a journal records, as it happens, on the thread that records it: an event loop. So an
 * implementation must return at once (hand the work to a thread of its own) and never throw.
 */
public interface JournalListener {

    /** Listens to nothing. */
    JournalListener NONE = new JournalListener() {
    };

    /** A message was accepted (its final dot got 250). */
    default void messageAccepted(ReceivedMessage message) {
    }

    /** A session ended; the record is its final snapshot. */
    default void sessionEnded(SessionRecord session) {
    }
}
