package dev.smtpdouble.journal;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a test reads from a journal: the server's own {@link Journal} in this JVM, or one read over
 * the admin API of a server in a container. Both hand out the same immutable records, so the same
 * assertions work on either. The {@code await...} methods wait up to the timeout and then fail with
 * an {@link AssertionError} that says what was expected and what arrived.
 */
public interface JournalReader {

    /** The sessions kept, oldest first. */
    List<SessionRecord> sessions();

    /** Up to {@code limit} sessions kept whose id is above {@code afterId}, oldest first. */
    default List<SessionRecord> sessions(long afterId, int limit) {
        return sessions().stream().filter(session -> session.id() > afterId).limit(limit).toList();
    }

    /** The accepted messages kept, oldest first. */
    List<ReceivedMessage> messages();

    /** Sessions dropped because the journal was full. */
    long droppedSessions();

    /** Messages dropped because the journal was full. */
    long droppedMessages();

    /** Waits until at least {@code count} messages arrived since the last clear; returns the messages kept. */
    List<ReceivedMessage> awaitMessages(int count, Duration timeout);

    /** Waits until at least {@code count} sessions started since the last clear. */
    List<SessionRecord> awaitSessions(int count, Duration timeout);

    /** Waits until at least {@code count} sessions ended since the last clear. */
    List<SessionRecord> awaitEndedSessions(int count, Duration timeout);

    /** Waits until some session matches; returns it. */
    SessionRecord awaitSession(Predicate<SessionRecord> condition, Duration timeout);

    /** How a client tried one recipient across the sessions kept (compared without regard to case). */
    default List<RecipientAttempt> recipientAttempts(String recipient) {
        return RecipientAttempt.of(sessions(), recipient);
    }
}
