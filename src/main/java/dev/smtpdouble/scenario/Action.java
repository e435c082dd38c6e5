package dev.smtpdouble.scenario;

import dev.smtpdouble.protocol.Reply;

/**
 * What a rule does when it fires.
 *
 * @param reply       the reply; null keeps the default reply (or sends none when {@code then} ends the session)
 * @param then        what follows; null = as the default behaviour (a 421 always closes)
 * @param delayMillis wait before replying
 * @param nextState   the scenario state to move to, or null to stay
 * @param accept      the command or message takes effect (a message is stored) whatever is sent, also nothing
 * @param injected    an extra reply sent in the same packet right after the reply (response injection), or null
 */
public record Action(Reply reply, Then then, long delayMillis, String nextState, boolean accept, Reply injected) {

    /** An action whose command takes effect only when the reply sent is positive. */
    public Action(Reply reply, Then then, long delayMillis, String nextState) {
        this(reply, then, delayMillis, nextState, false, null);
    }

    public Action(Reply reply, Then then, long delayMillis, String nextState, boolean accept) {
        this(reply, then, delayMillis, nextState, accept, null);
    }
}
