package dev.smtpdouble.session;

import dev.smtpdouble.protocol.Replies;

/**
 * DATA's content (RFC 5321 §4.1.1.4): lines as they come, dot-stuffing undone, kept up to the size
 * limit while rules on {@code content} see the bytes stream; the final dot gets the queue id, or the
 * answer of a rule on {@code message}. Once a content rule answered, the rest is read and dropped.
 */
final class ContentStep {

    private ContentStep() {
    }

    /** A line of content with its line ending, dot-stuffing intact. */
    static Outcome line(Session session, Transaction tx, byte[] line, boolean bare, boolean overlong) {
        int offset = line.length > 0 && line[0] == '.' ? 1 : 0;
        int length = line.length - offset;
        long before = tx.contentBytes;
        tx.contentBytes += length;
        tx.bareLineEndings |= bare;
        tx.overlongLine |= overlong;
        if (tx.contentBytes > session.settings().maxMessageSize()) {
            tx.oversized = true;
            tx.content = null;
        } else if (tx.content != null && !tx.answered) {
            tx.content.write(line, offset, length);
        }
        if (tx.answered) {
            return Outcome.NONE;
        }
        Outcome outcome = session.contentRule(tx.contentBytes, before);
        if (outcome == null) {
            return Outcome.NONE;
        }
        tx.answered = true;
        tx.content = null;
        return outcome;
    }

    /** The final dot of the transaction's content, which has ended: the message is stored when the answer accepts it. */
    static Outcome end(Session session, Transaction tx) {
        if (tx.answered) {
            return Outcome.NONE;
        }
        Step step;
        if (tx.oversized) {
            step = new Step(Replies.SIZE_EXCEEDED); // its bytes were dropped as they came: nothing to store
        } else {
            String id = session.nextQueueId();
            Runnable store = () -> session.stored(id, tx, tx.content.toByteArray(), tx.bareLineEndings);
            step = new Step(tx.overlongLine ? Replies.TEXT_LINE_TOO_LONG : Replies.queued(id), store);
        }
        return session.conclude(step, session.messageEvent(tx, tx.contentBytes, tx.oversized));
    }
}
