package dev.smtpdouble.scenario;

import java.util.List;
import java.util.Locale;

/**
 * A rate or concurrency limit, a condition of a rule: it holds when the event would take the key over
 * its allowance. What counts is what the server accepted: a connection greeted with 2xx, a recipient
 * or a message answered with 2xx; what a limit refuses does not count, so once the window moves on the
 * client gets through again.
 *
 * @param counted     what is counted
 * @param max         how many are allowed (per window for a rate, at once for concurrent connections)
 * @param perMillis   the window of a rate; 0 for concurrent connections
 * @param sliding     a window that ends now (true) or fixed windows from a key's first event
 * @param key         what clients are told apart by
 */
public record Limit(Counted counted, int max, long perMillis, boolean sliding, List<KeyPart> key) {

    /** What a limit counts. */
    public enum Counted {
        /** Connections greeted per window. */
        CONNECTIONS(Trigger.CONNECT),
        /** Recipients accepted per window. */
        RECIPIENTS(Trigger.RCPT),
        /** Messages accepted (250 at the final dot) per window. */
        MESSAGES(Trigger.MESSAGE),
        /** Connections open at once. */
        CONCURRENT_CONNECTIONS(Trigger.CONNECT);

        private final Trigger countedAt;

        Counted(Trigger countedAt) {
            this.countedAt = countedAt;
        }

        /** The event whose acceptance counts one. */
        Trigger countedAt() {
            return countedAt;
        }

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Limit {
        key = List.copyOf(key);
    }

    /**
     * Whether, when a rule on {@code checkedAt} is checked, what the event itself adds is in the count
     * already: a connection is counted at its greeting, a recipient at its RCPT, so a connections limit
     * checked at MAIL, or a recipients limit checked at DATA or the final dot, fires only when the count
     * is over the maximum. Otherwise the event would be one more, and the limit fires once it is full.
     */
    boolean countedBefore(Trigger checkedAt) {
        return switch (counted) {
            case CONNECTIONS -> checkedAt != Trigger.CONNECT;
            case RECIPIENTS -> checkedAt == Trigger.DATA || checkedAt == Trigger.BDAT || checkedAt == Trigger.MESSAGE
                    || checkedAt == Trigger.CONTENT;
            default -> false;
        };
    }

    boolean concurrent() {
        return counted == Counted.CONCURRENT_CONNECTIONS;
    }

    /** For the journal: {@code 30 messages per 1m (sliding) by sender_domain}. */
    String describe() {
        String by = String.join("+", key.stream().map(KeyPart::yamlName).toList());
        return concurrent() ? max + " concurrent connections by " + by
                : max + " " + counted.yamlName() + " per " + Durations.format(perMillis)
                + (sliding ? " (sliding)" : " (fixed)") + " by " + by;
    }
}
