package dev.smtpdouble.session;

import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.scenario.Then;

/**
 * The default answer to an input: the reply, what follows it, and the state change that happens
 * when the reply finally sent accepts the command (a rule may replace a 250 by a 501, or the reverse).
 *
 * @param intermediate the effect needs an intermediate (3xx) reply, as DATA's 354: a 250 to DATA
 *                     tells the client the command completed, so no content follows
 */
record Step(Reply reply, Then then, Runnable effect, boolean intermediate) {

    private static final Runnable NOTHING = () -> { };

    Step(Reply reply) {
        this(reply, Then.CONTINUE, NOTHING, false);
    }

    Step(Reply reply, Runnable effect) {
        this(reply, Then.CONTINUE, effect, false);
    }

    Step(Reply reply, Then then, Runnable effect) {
        this(reply, then, effect, false);
    }

    /** A step whose effect needs a 3xx reply. */
    static Step awaitingMore(Reply reply, Runnable effect) {
        return new Step(reply, Then.CONTINUE, effect, true);
    }

    /** Whether this reply, finally sent, makes the command take effect. */
    boolean acceptedBy(Reply sent) {
        return intermediate ? sent.code() / 100 == 3 : sent.isPositive();
    }
}
