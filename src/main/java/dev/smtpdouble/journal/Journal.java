package dev.smtpdouble.journal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Everything a server saw: sessions and accepted messages. Bounded in entries and in bytes (the
 * oldest are dropped and counted, see {@link JournalLimits}), thread-safe, and hands out immutable
 * copies. The {@code await...} methods let a test wait for what it expects, with a timeout, instead
 * of sleeping.
 *
 * <p>Readers never lock: they walk concurrent maps and copy each transcript from what its writer
 * published. Writers (the event loops) take a short lock among themselves to add and drop; a reader
 * copying, or a test waiting, never holds a lock an event loop needs.
 */
public final class Journal implements JournalReader {

    public static final int DEFAULT_CAPACITY = JournalLimits.DEFAULTS.entries();

    final JournalLimits limits;
    private final Clock clock;
    /**
     * The last timestamp handed out. Entries within one millisecond share it: a journal keeps tens of
     * thousands of entries, and an {@code Instant} each was a fifth of the objects it kept alive.
     */
    private Instant lastNow = Instant.EPOCH;
    /** Held by writers only, each for a few steps: adding, dropping, clearing. */
    private final Object writeLock = new Object();
    private final Signal signal = new Signal();
    private volatile Contents contents;
    private volatile JournalListener listener = JournalListener.NONE;

    /**
     * What a clear replaces at once; the counters of one generation. Sessions are kept in a ring
     * numbered by session id (ids go on across a clear), messages in one numbered by arrival.
     */
    private static final class Contents {
        final long generation;
        final Ring<SessionLog> sessions;
        final Ring<ReceivedMessage> messages;
        final Map<String, ReceivedMessage> messagesById = new ConcurrentHashMap<>();
        /** The estimated size of what is listed; a session adds its transcript lines as they come. */
        final AtomicLong bytes = new AtomicLong();
        volatile long sessionsStarted;
        volatile long sessionsEnded;
        volatile long messagesReceived;
        volatile long droppedSessions;
        volatile long droppedMessages;

        Contents(long generation, int capacity, long nextSessionId, long nextMessage) {
            this.generation = generation;
            this.sessions = new Ring<>(capacity, nextSessionId);
            this.messages = new Ring<>(capacity, nextMessage);
        }
    }

    public Journal() {
        this(JournalLimits.DEFAULTS);
    }

    /** @param capacity how many sessions and how many messages are kept (each) */
    public Journal(int capacity) {
        this(capacity, Clock.systemUTC());
    }

    public Journal(int capacity, Clock clock) {
        this(JournalLimits.DEFAULTS.withEntries(capacity), clock);
    }

    public Journal(JournalLimits limits) {
        this(limits, Clock.systemUTC());
    }

    public Journal(JournalLimits limits, Clock clock) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
        this.clock = clock;
        this.contents = new Contents(0, limits.entries(), 1, 1);
    }

    public JournalLimits limits() {
        return limits;
    }

    /** Starts the record of a new session. */
    public SessionLog openSession(int connectionNumber, String remoteAddress) {
        SessionLog log;
        synchronized (writeLock) {
            Contents now = contents;
            if (now.sessions.size() == limits.entries()) {
                dropOldestSession(now);
            }
            log = new SessionLog(this, now.sessions.end(), now.generation, now.bytes, connectionNumber, remoteAddress,
                    now());
            now.sessions.add(log);
            now.sessionsStarted++;
            trim(now);
        }
        changed();
        return log;
    }

    void addMessage(ReceivedMessage message) {
        synchronized (writeLock) {
            Contents now = contents;
            if (now.messages.size() == limits.entries()) {
                dropOldestMessage(now);
            }
            now.messages.add(message);
            now.messagesById.put(message.id(), message);
            now.messagesReceived++;
            now.bytes.addAndGet(Sizes.of(message));
            trim(now);
        }
        changed();
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
        synchronized (writeLock) {
            Contents now = contents;
            if (sessionGeneration == now.generation) {
                now.sessionsEnded++;
            }
        }
        changed();
    }

    /** A listed session's transcript grew: drops the oldest when the bytes are over the bound. */
    void grew() {
        Contents now = contents;
        if (now.bytes.get() > limits.bytes()) {
            synchronized (writeLock) {
                trim(now);
            }
        }
    }

    /**
     * Drops the oldest until the bytes fit: a message before a later session, a session before its
     * own messages. The newest entry stays, even when it alone is larger than the bound.
     */
    private void trim(Contents now) {
        while (now.bytes.get() > limits.bytes() && now.sessions.size() + now.messages.size() > 1) {
            SessionLog session = now.sessions.peekFirst();
            ReceivedMessage message = now.messages.peekFirst();
            if (message != null && (session == null || message.sessionId() < session.id())) {
                dropOldestMessage(now);
            } else {
                dropOldestSession(now);
            }
        }
    }

    private void dropOldestSession(Contents now) {
        SessionLog oldest = now.sessions.removeFirst();
        now.droppedSessions++;
        now.bytes.addAndGet(-oldest.unlist());
    }

    private void dropOldestMessage(Contents now) {
        ReceivedMessage oldest = now.messages.removeFirst();
        now.messagesById.remove(oldest.id(), oldest);
        now.droppedMessages++;
        now.bytes.addAndGet(-Sizes.of(oldest));
    }

    /** Something changed: wakes the waiting threads, if any. */
    void changed() {
        signal.changed();
    }

    /** The time of an entry, to the millisecond. */
    Instant now() {
        long millis = clock.millis();
        Instant last = lastNow;
        if (last.toEpochMilli() == millis) {
            return last;
        }
        Instant now = Instant.ofEpochMilli(millis);
        lastNow = now; // a race between event loops is harmless: either value is this millisecond
        return now;
    }

    /** Snapshots of the sessions kept, oldest first. */
    public List<SessionRecord> sessions() {
        return sessions(0, Integer.MAX_VALUE);
    }

    /** Snapshots of up to {@code limit} sessions kept whose id is above {@code afterId}, oldest first. */
    @Override
    public List<SessionRecord> sessions(long afterId, int limit) {
        Ring<SessionLog> ring = contents.sessions;
        List<SessionRecord> page = new ArrayList<>(Math.min(limit, Math.max(0, ring.size())));
        for (long id = Math.max(afterId + 1, ring.first()); id < ring.end() && page.size() < limit; id++) {
            SessionLog log = ring.get(id);
            if (log != null) {
                page.add(log.snapshot());
            }
        }
        return List.copyOf(page);
    }

    /** The id of the newest session opened, kept or not; 0 before the first. Ids go on across a clear. */
    public long lastSessionId() {
        return contents.sessions.end() - 1;
    }

    /** The session with this id, if it is still kept. */
    public Optional<SessionRecord> session(long id) {
        return Optional.ofNullable(contents.sessions.get(id)).map(SessionLog::snapshot);
    }

    public List<ReceivedMessage> messages() {
        Ring<ReceivedMessage> ring = contents.messages;
        List<ReceivedMessage> kept = new ArrayList<>(ring.size());
        for (long sequence = ring.first(); sequence < ring.end(); sequence++) {
            ReceivedMessage message = ring.get(sequence);
            if (message != null) {
                kept.add(message);
            }
        }
        return List.copyOf(kept);
    }

    public Optional<ReceivedMessage> message(String id) {
        return Optional.ofNullable(contents.messagesById.get(id));
    }

    public int openSessions() {
        int open = 0;
        for (SessionLog log : logs()) {
            open += log.isOpen() ? 1 : 0;
        }
        return open;
    }

    /** The live records of the sessions kept, oldest first. */
    private List<SessionLog> logs() {
        Ring<SessionLog> ring = contents.sessions;
        List<SessionLog> logs = new ArrayList<>(ring.size());
        for (long id = ring.first(); id < ring.end(); id++) {
            SessionLog log = ring.get(id);
            if (log != null) {
                logs.add(log);
            }
        }
        return logs;
    }

    /** Sessions dropped from the journal because it was full. */
    public long droppedSessions() {
        return contents.droppedSessions;
    }

    /** Messages dropped from the journal because it was full. */
    public long droppedMessages() {
        return contents.droppedMessages;
    }

    /** An estimate of the memory the journal keeps, in bytes; at most {@link JournalLimits#bytes()} plus one message. */
    public long retainedBytes() {
        return contents.bytes.get();
    }

    /**
     * Forgets every session and message. Sessions open at that moment go on unlisted and their end is
     * not counted; a message they deliver afterwards is recorded, since it arrived after the clear.
     */
    public void clear() {
        synchronized (writeLock) {
            Contents old = contents;
            contents = new Contents(old.generation + 1, limits.entries(), old.sessions.end(), old.messages.end());
        }
        changed();
    }

    /** Waits until at least {@code count} messages arrived since the last clear; returns the messages kept. */
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        awaitCondition(() -> contents.messagesReceived >= count, timeout,
                () -> count + " message(s), got " + contents.messagesReceived);
        return messages();
    }

    /** Waits until at least {@code count} sessions started since the last clear. */
    public List<SessionRecord> awaitSessions(int count, Duration timeout) {
        awaitCondition(() -> contents.sessionsStarted >= count, timeout,
                () -> count + " session(s), got " + contents.sessionsStarted);
        return sessions();
    }

    /** Waits until at least {@code count} sessions ended since the last clear. */
    public List<SessionRecord> awaitEndedSessions(int count, Duration timeout) {
        awaitCondition(() -> contents.sessionsEnded >= count, timeout,
                () -> count + " ended session(s), got " + contents.sessionsEnded);
        return sessions();
    }

    /** Waits until some session matches; returns its snapshot. */
    public SessionRecord awaitSession(Predicate<SessionRecord> condition, Duration timeout) {
        SessionRecord[] found = new SessionRecord[1];
        awaitCondition(() -> {
            for (SessionLog log : logs()) {
                SessionRecord record = log.snapshot();
                if (condition.test(record)) {
                    found[0] = record;
                    return true;
                }
            }
            return false;
        }, timeout, () -> "a matching session; sessions: " + sessions());
        return found[0];
    }

    private void awaitCondition(BooleanSupplier condition, Duration timeout, Supplier<String> expectation) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!signal.await(condition, deadline)) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for "
                        + expectation.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting on the journal", e);
        }
    }
}
