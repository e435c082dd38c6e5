package dev.smtpdouble.session;

import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.scenario.Then;

/**
 * What the connection must do in answer to one input: send a reply (or nothing), possibly after a
 * delay, then go on, close, reset or hang.
 *
 * @param reply       the reply to send; null for none
 * @param then        what happens after the reply
 * @param delayMillis wait this long first; later input waits too, so replies stay in order
 * @param rule        the scenario rule that decided this, or null for the default behaviour
 * @param detail      for the journal: what the rule's limit or greylist saw; null otherwise
 * @param injected    a second reply written right after the first, in the same packet (a fault); null for none
 */
public record Outcome(Reply reply, Then then, long delayMillis, String rule, String detail, Reply injected) {

    public Outcome(Reply reply, Then then, long delayMillis, String rule) {
        this(reply, then, delayMillis, rule, null, null);
    }

    public Outcome(Reply reply, Then then, long delayMillis, String rule, String detail) {
        this(reply, then, delayMillis, rule, detail, null);
    }

    /** Nothing to send, nothing to do. */
    public static final Outcome NONE = new Outcome(null, Then.CONTINUE, 0, null);

    public boolean isNone() {
        return reply == null && then == Then.CONTINUE && delayMillis == 0;
    }
}
