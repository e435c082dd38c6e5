package dev.smtpdouble.session;

import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.scenario.Then;

/**
 * The default answer to an input: the reply, what follows it, and the state change that happens
 * when the reply finally sent is positive (a rule may replace a 250 by a 501, or the reverse).
 */
record Step(Reply reply, Then then, Runnable effect) {

    private static final Runnable NOTHING = () -> { };

    Step(Reply reply) {
        this(reply, Then.CONTINUE, NOTHING);
    }

    Step(Reply reply, Runnable effect) {
        this(reply, Then.CONTINUE, effect);
    }
}
