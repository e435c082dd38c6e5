package dev.smtpdouble.session;

import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.scenario.Decision;
import dev.smtpdouble.scenario.Director;
import dev.smtpdouble.scenario.Event;
import dev.smtpdouble.scenario.Then;

/**
 * Weighs a step, the default answer, against what the scenario decides about its event: the reply
 * sent, what follows it, and whether the command takes effect (a rule may accept what the default
 * refuses, or the reverse).
 */
final class Arbiter {

    /** The decision when no rule matched: the default step as it is. */
    private static final Decision DEFAULT = new Decision(null, null, null, 0, false);

    private final Director director;

    Arbiter(Director director) {
        this.director = director;
    }

    /** Asks the director about the event, if any, and applies its decision or the default step. */
    Outcome conclude(Step step, Event event) {
        Decision decision = event == null ? null : director.decide(event);
        return apply(step, decision == null ? DEFAULT : decision, event);
    }

    /**
     * The answer to a chunk: a rule on {@code bdat} first, then for the last chunk one on {@code message};
     * what is counted as accepted is the message for the last chunk.
     */
    Outcome concludeChunk(Step step, Event bdat, Event message) {
        Decision decision = bdat == null ? null : director.decide(bdat);
        if (decision == null && message != null) {
            decision = director.decide(message);
        }
        return apply(step, decision == null ? DEFAULT : decision, message != null ? message : bdat);
    }

    /** A rule's answer to an event no default answers (TLS up, content, a silence); null when none answers. */
    Outcome ruleOnly(Event event) {
        Decision decision = director.decide(event);
        return decision == null ? null : apply(new Step(null), decision, null);
    }

    /** @param event what the director saw; told back to it when the command is accepted, so limits count it */
    private Outcome apply(Step step, Decision decision, Event event) {
        Reply reply = decision.silent() ? null : decision.reply() != null ? decision.reply() : step.reply();
        Then then = decision.then() != null ? decision.then() : step.then();
        if (decision.accept() || (reply != null && step.acceptedBy(reply))) {
            step.effect().run(); // also before a close or reset: "stored, then the connection dropped"
            if (event != null) {
                director.accepted(event);
            }
        }
        if (then == Then.START_TLS && (reply == null || reply.code() != 220)) {
            then = Then.CONTINUE; // a rule refused STARTTLS (454, 502...): no handshake follows
        }
        if (reply != null && reply.closesConnection() && then != Then.CLOSE_NOW) {
            then = Then.CLOSE; // RFC 5321 §3.8: a 421 always closes, whatever the rule said
        }
        return new Outcome(reply, then, decision.delayMillis(), decision.rule(), decision.detail(),
                decision.injected());
    }
}
