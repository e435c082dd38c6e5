package dev.smtpdouble.journal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything a server saw: sessions and accepted messages. Bounded (the oldest entries are dropped
 * and counted), thread-safe, and hands out immutable copies. The {@code await...} methods let a
 * test wait for what it expects, with a timeout, instead of sleeping.
 */
public final class Journal implements JournalReader {

    public static final int DEFAULT_CAPACITY = 10_000;

    final Object lock = new Object();
    final int maxTranscriptEntries;
    private final int capacity;
    private final Clock clock;
    private final ArrayDeque<SessionLog> sessions = new ArrayDeque<>();
    private final ArrayDeque<ReceivedMessage> messages = new ArrayDeque<>();
    private long nextSessionId = 1;
    private long sessionsStarted;
    private long sessionsEnded;
    private long messagesReceived;
    private long droppedSessions;
    private long droppedMessages;
    /** Threads in an await method; written under the lock, read without it by sessions that changed. */
    private volatile int waiters;
    /** Incremented by each clear, so that sessions opened before it no longer count. */
    private long generation;
    private volatile JournalListener listener = JournalListener.NONE;

    public Journal() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity how many sessions and how many messages are kept (each) */
    public Journal(int capacity) {
        this(capacity, Clock.systemUTC());
    }

    public Journal(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("journal capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.maxTranscriptEntries = 10_000;
        this.clock = clock;
    }

    /** Starts the record of a new session. */
    public SessionLog openSession(int connectionNumber, String remoteAddress) {
        synchronized (lock) {
            SessionLog log = new SessionLog(this, nextSessionId++, generation, connectionNumber, remoteAddress, now());
            if (sessions.size() == capacity) {
                sessions.removeFirst();
                droppedSessions++;
            }
            sessions.addLast(log);
            sessionsStarted++;
            changed();
            return log;
        }
    }

    void addMessage(ReceivedMessage message) {
        synchronized (lock) {
            if (messages.size() == capacity) {
                messages.removeFirst();
                droppedMessages++;
            }
            messages.addLast(message);
            messagesReceived++;
            changed();
        }
        listener.messageAccepted(message);
    }

    /** Tells the listener about a session that ended; called outside every lock. */
    void ended(SessionLog session) {
        JournalListener current = listener;
        if (current != JournalListener.NONE) {
            current.sessionEnded(session.snapshot());
        }
    }

    /** Who is told of every accepted message and every ended session, from now on; one at a time. */
    public void listener(JournalListener value) {
        listener = value == null ? JournalListener.NONE : value;
    }

    /** Counts the end of a session, unless it was opened before the last clear (it is no longer listed). */
    void sessionEnded(long sessionGeneration) {
        if (sessionGeneration == generation) {
            sessionsEnded++;
        }
        changed();
    }

    /** Wakes the waiting threads, if any; callers hold the lock. */
    void changed() {
        if (waiters > 0) {
            lock.notifyAll();
        }
    }

    /**
     * A session's transcript changed (under the session's own lock, not the journal's): the journal
     * lock is taken only when a test is waiting, so event loops do not contend for it.
     */
    void sessionChanged() {
        if (waiters > 0) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    Instant now() {
        return clock.instant();
    }

    /** Snapshots of the sessions kept, oldest first; each is copied under its own lock, not the journal's. */
    public List<SessionRecord> sessions() {
        List<SessionLog> logs;
        synchronized (lock) {
            logs = List.copyOf(sessions);
        }
        return logs.stream().map(SessionLog::snapshot).toList();
    }

    public List<ReceivedMessage> messages() {
        synchronized (lock) {
            return List.copyOf(messages);
        }
    }

    public Optional<ReceivedMessage> message(String id) {
        synchronized (lock) {
            return messages.stream().filter(m -> m.id().equals(id)).findFirst();
        }
    }

    /**
     * Every {@code RCPT TO} sent for this recipient (compared without regard to case) in the sessions
     * kept, with the server's answer, in time order: how often and how late a client retried it.
     */
    public List<RecipientAttempt> recipientAttempts(String recipient) {
        return RecipientAttempt.of(sessions(), recipient);
    }

    public int openSessions() {
        synchronized (lock) {
            return (int) sessions.stream().filter(SessionLog::isOpen).count();
        }
    }

    /** Sessions dropped from the journal because it was full. */
    public long droppedSessions() {
        synchronized (lock) {
            return droppedSessions;
        }
    }

    /** Messages dropped from the journal because it was full. */
    public long droppedMessages() {
        synchronized (lock) {
            return droppedMessages;
        }
    }

    /**
     * Forgets every session and message. Sessions open at that moment go on unlisted and their end is
     * not counted; a message they deliver afterwards is recorded, since it arrived after the clear.
     */
    public void clear() {
        synchronized (lock) {
            generation++;
            sessions.clear();
            messages.clear();
            sessionsStarted = sessionsEnded = messagesReceived = droppedSessions = droppedMessages = 0;
            changed();
        }
    }

    /** Waits until at least {@code count} messages arrived since the last clear; returns the messages kept. */
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        awaitCondition(() -> messagesReceived >= count, timeout, () -> count + " message(s), got " + messagesReceived);
        return messages();
    }

    /** Waits until at least {@code count} sessions started since the last clear. */
    public List<SessionRecord> awaitSessions(int count, Duration timeout) {
        awaitCondition(() -> sessionsStarted >= count, timeout, () -> count + " session(s), got " + sessionsStarted);
        return sessions();
    }

    /** Waits until at least {@code count} sessions ended since the last clear. */
    public List<SessionRecord> awaitEndedSessions(int count, Duration timeout) {
        awaitCondition(() -> sessionsEnded >= count, timeout,
                () -> count + " ended session(s), got " + sessionsEnded);
        return sessions();
    }

    /** Waits until some session matches; returns its snapshot. */
    public SessionRecord awaitSession(Predicate<SessionRecord> condition, Duration timeout) {
        SessionRecord[] found = new SessionRecord[1];
        awaitCondition(() -> {
            for (SessionLog log : sessions) {
                SessionRecord record = log.snapshot();
                if (condition.test(record)) {
                    found[0] = record;
                    return true;
                }
            }
            return false;
        }, timeout, () -> "a matching session; sessions: " + sessions.stream().map(SessionLog::snapshot).toList());
        return found[0];
    }

    private void awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout,
                                java.util.function.Supplier<String> expectation) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            waiters++;
            try {
                while (!condition.getAsBoolean()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for "
                                + expectation.get());
                    }
                    lock.wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting on the journal", e);
            } finally {
                waiters--;
            }
        }
    }
}
