package dev.smtpdouble.scenario;

import dev.smtpdouble.protocol.Reply;

/**
 * What a rule decided.
 *
 * @param rule        the rule's name, for the journal
 * @param reply       the reply to send instead of the default one; null to keep the default reply
 * @param then        what the connection does afterwards; null to do what the default behaviour does
 * @param delayMillis how long to wait before replying (and before anything the client sends next is answered)
 * @param silent      true when nothing is sent at all (close, reset or hang without a reply)
 * @param accept      the command takes effect whatever is sent: "stored, then the connection dropped before the 250"
 * @param detail      for the journal: what a limit or greylist saw (the counter, the attempt); null otherwise
 * @param injected    an extra reply sent in the same packet right after the reply, or null
 */
public record Decision(String rule, Reply reply, Then then, long delayMillis, boolean silent, boolean accept,
                       String detail, Reply injected) {

    /** A decision whose command takes effect only when the reply sent is positive. */
    public Decision(String rule, Reply reply, Then then, long delayMillis, boolean silent) {
        this(rule, reply, then, delayMillis, silent, false, null, null);
    }

    public Decision(String rule, Reply reply, Then then, long delayMillis, boolean silent, boolean accept) {
        this(rule, reply, then, delayMillis, silent, accept, null, null);
    }

    public Decision(String rule, Reply reply, Then then, long delayMillis, boolean silent, boolean accept,
                    String detail) {
        this(rule, reply, then, delayMillis, silent, accept, detail, null);
    }
}
