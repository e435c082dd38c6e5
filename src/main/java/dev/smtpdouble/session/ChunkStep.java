package dev.smtpdouble.session;

import dev.smtpdouble.protocol.Command;
import dev.smtpdouble.protocol.Replies;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.scenario.Event;
import dev.smtpdouble.scenario.Then;
import dev.smtpdouble.scenario.Trigger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BDAT (RFC 3030): the command announces a chunk of so many bytes, taken as they are, and is answered
 * once they are all in — also when the chunk is refused, since the bytes must be read anyway. Answers
 * as Postfix 3.7 gives them (measured): {@code 250 2.0.0 Ok: N bytes}, then for the LAST chunk
 * {@code 250 2.0.0 Ok: N bytes queued as ID}. A rule on {@code bdat} answers a chunk; for the last
 * chunk, rules on {@code message} answer when no {@code bdat} rule does; rules on {@code content} see
 * the bytes stream as they do for DATA.
 */
final class ChunkStep {

    /** {@code BDAT count [LAST]}: at most 18 digits, so the count fits a long. */
    private static final Pattern ARGUMENT = Pattern.compile("(?i)([0-9]{1,18})(?:[ \\t]+(LAST))?");

    private ChunkStep() {
    }

    static Outcome command(Session session, Command command, int inSession, int inTransaction) {
        Matcher argument = ARGUMENT.matcher(command.argument().strip());
        if (!argument.matches()) {
            // The chunk's end cannot be found: Postfix answers 521 and closes.
            return CommandStep.conclude(session, command, inSession, inTransaction,
                    new Step(Replies.BDAT_SYNTAX, Then.CLOSE, () -> { }));
        }
        long size = Long.parseLong(argument.group(1));
        boolean last = argument.group(2) != null;
        if (size == 0 && !last) {
            return CommandStep.conclude(session, command, inSession, inTransaction, new Step(Replies.NULL_BDAT));
        }
        Chunk chunk = new Chunk(size, last, refusal(session, size), command.argument(), inSession, inTransaction);
        session.startChunk(chunk);
        return size == 0 ? end(session, chunk) : Outcome.NONE;
    }

    /** Why the chunk cannot be taken, in Postfix's words; null when it can. */
    private static Reply refusal(Session session, long size) {
        Transaction tx = session.transaction();
        if (session.mail().bdatFailed()) {
            return Replies.chunkDiscarded(size);
        } else if (tx == null) {
            return Replies.NEED_RCPT; // sic: Postfix says so also before any MAIL
        } else if (tx.recipients.isEmpty()) {
            return Replies.NO_VALID_RECIPIENTS;
        } else if (size > session.settings().maxMessageSize()) {
            return Replies.CHUNK_TOO_BIG;
        }
        return null;
    }

    /** Bytes of the chunk: kept up to the size limit; rules on {@code content} see them stream. */
    static Outcome data(Session session, Chunk chunk, byte[] bytes) {
        long before = session.mail().messageBytes() + chunk.received;
        chunk.received += bytes.length;
        if (chunk.overLimit || before + bytes.length > session.settings().maxMessageSize()) {
            chunk.overLimit = true;
            chunk.bytes.reset();
        } else {
            chunk.bytes.write(bytes, 0, bytes.length);
        }
        if (chunk.answered) {
            return Outcome.NONE;
        }
        Outcome outcome = session.contentRule(before + bytes.length, before);
        if (outcome != null) {
            chunk.answered = true;
            chunk.bytes.reset();
            return outcome;
        }
        return Outcome.NONE;
    }

    /** All the chunk's bytes are in: the answer, and what it makes of the transaction. */
    static Outcome end(Session session, Chunk chunk) {
        session.endChunk();
        if (chunk.answered) {
            session.mail().chunkRefused(chunk.last);
            return Outcome.NONE;
        }
        boolean[] taken = new boolean[1];
        Runnable take = () -> {
            taken[0] = true;
            session.takeChunk(chunk);
        };
        long total = session.mail().messageBytes() + chunk.received;
        Step step;
        if (chunk.refusal != null) {
            // A rule's 2xx takes even a refused chunk; for the last one, the message is stored too.
            step = new Step(chunk.refusal, chunk.last ? () -> {
                take.run();
                session.storeMessage(session.nextQueueId());
            } : take);
        } else if (!chunk.last) {
            step = new Step(Replies.chunkTaken(chunk.size), take);
        } else if (chunk.overLimit || session.mail().oversized()) {
            step = new Step(Replies.SIZE_EXCEEDED);
        } else {
            String id = session.nextQueueId();
            step = new Step(Replies.chunksQueued(total, id), () -> {
                take.run();
                session.storeMessage(id);
            });
        }
        Event bdat = session.watches(Trigger.BDAT)
                ? session.commandEvent(Trigger.BDAT, chunk.inSession, chunk.inTransaction, chunk.argument)
                .content(total, total - chunk.received).build()
                : null;
        Outcome outcome = session.concludeChunk(step, bdat, chunk.last ? session.messageEvent(session.transaction(), total,
                chunk.overLimit || session.mail().oversized()) : null);
        if (!taken[0]) {
            session.mail().chunkRefused(chunk.last);
        } else if (chunk.last) {
            session.endTransaction();
        }
        return outcome;
    }
}
