package dev.smtpdouble.session;

import dev.smtpdouble.protocol.Verb;
import java.util.EnumMap;
import java.util.Map;

/**
 * A session's mail transactions: the open one, how many were opened, the commands counted in the
 * session and in the open transaction (for {@code occurrence} keys), and whether a BDAT chunk of the
 * open message was refused.
 */
final class MailTransactions {

    private final Map<Verb, Integer> sessionCounts = new EnumMap<>(Verb.class);
    private final Map<Verb, Integer> transactionCounts = new EnumMap<>(Verb.class);
    private Transaction current;
    private int opened;
    /** A chunk of this message was refused: later ones are read and dropped (RFC 3030 §2). */
    private boolean bdatFailed;

    /** Counts a command in the session and in the open transaction, if any; returns its number in the session. */
    int count(Verb verb) {
        int inSession = sessionCounts.merge(verb, 1, Integer::sum);
        if (current != null) {
            transactionCounts.merge(verb, 1, Integer::sum);
        }
        return inSession;
    }

    int countInTransaction(Verb verb) {
        return current == null ? 0 : transactionCounts.getOrDefault(verb, 0);
    }

    /** The open transaction, or null. */
    Transaction current() {
        return current;
    }

    /** Transactions opened in this session so far. */
    int opened() {
        return opened;
    }

    /** {@code by} opens a transaction, and is its first command. */
    void open(String sender, Map<String, String> parameters, String authenticatedAs, Verb by) {
        current = new Transaction(sender, parameters, authenticatedAs);
        opened++;
        transactionCounts.clear();
        transactionCounts.put(by, 1);
    }

    /**
     * A rule accepted a RCPT, DATA or BDAT that came before any MAIL: the command takes effect in a
     * transaction of the null sender, as if {@code MAIL FROM:<>} had come first.
     */
    Transaction openFor(Verb verb, String authenticatedAs) {
        if (current == null) {
            open("", Map.of(), authenticatedAs, verb);
        }
        return current;
    }

    void end() {
        dataEnded();
        bdatFailed = false;
    }

    /** The final dot of DATA ended the transaction. */
    void dataEnded() {
        current = null;
        transactionCounts.clear();
    }

    boolean bdatFailed() {
        return bdatFailed;
    }

    /** A refused or interrupted chunk: later chunks of the message are dropped; after the last, it is over. */
    void chunkRefused(boolean last) {
        if (last) {
            end();
        } else {
            bdatFailed = true;
        }
    }

    /** The bytes of the message taken so far. */
    long messageBytes() {
        return current == null ? 0 : current.contentBytes;
    }

    boolean oversized() {
        return current != null && current.oversized;
    }
}
