package dev.smtpdouble.journal;

import dev.smtpdouble.journal.TranscriptEntry.ClientCommand;
import dev.smtpdouble.journal.TranscriptEntry.ClientResponse;
import dev.smtpdouble.journal.TranscriptEntry.ServerReply;
import dev.smtpdouble.journal.TranscriptEntry.TlsHandshake;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.TlsInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live record of one open session. Written by its connection, read through {@link Journal}
 * snapshots. The transcript is an append-only array published through a volatile count, so a reader
 * copies it without a lock; writers (one connection, in practice) synchronise among themselves only.
 */
public final class SessionLog {

    private final Journal journal;
    private final long id;
    private final long generation;
    /** The byte count of the journal generation this session is listed in. */
    private final AtomicLong journalBytes;
    private final int connectionNumber;
    private final String remoteAddress;
    private final Instant startedAt;
    private volatile TranscriptEntry[] transcript = new TranscriptEntry[16];
    /** Entries published in {@link #transcript}; written after the entry itself. */
    private volatile int size;
    private volatile int droppedEntries;
    private long bytes;
    /** Still listed in the journal: its growth counts against the journal's bytes. */
    private boolean listed = true;
    private volatile Instant endedAt;
    private volatile SessionEnd end;
    private volatile TlsInfo tls;
    private volatile String tlsFailure;
    /** Every AUTH attempt that ended: a few per session, so copied on write and read without a lock. */
    private volatile List<AuthAttempt> authAttempts = List.of();
    /** The attempt that authenticated the session, while it holds. */
    private volatile AuthAttempt authenticated;
    /** The attempt under way (a 334 is out), as far as it went: shown if the client leaves in the middle. */
    private volatile AuthAttempt authUnderWay;

    SessionLog(Journal journal, long id, long generation, AtomicLong journalBytes, int connectionNumber,
               String remoteAddress, Instant startedAt) {
        this.journal = journal;
        this.id = id;
        this.generation = generation;
        this.journalBytes = journalBytes;
        this.connectionNumber = connectionNumber;
        this.remoteAddress = remoteAddress;
        this.startedAt = startedAt;
        this.bytes = Sizes.SESSION + (remoteAddress == null ? 0 : remoteAddress.length());
        journalBytes.addAndGet(bytes);
    }

    public long id() {
        return id;
    }

    public void command(String line) {
        add(new ClientCommand(journal.now(), line));
    }

    /** A SASL response line, already masked by the caller. */
    public void response(String maskedLine) {
        add(new ClientResponse(journal.now(), maskedLine));
    }

    /** An AUTH attempt ended; one that authenticated the session becomes its identity. */
    public void authAttempt(AuthAttempt attempt) {
        synchronized (this) {
            authUnderWay = null;
            if (authAttempts.size() < journal.limits.sessionEntries()) {
                List<AuthAttempt> attempts = new ArrayList<>(authAttempts);
                attempts.add(attempt);
                authAttempts = List.copyOf(attempts);
            }
            if (attempt.authenticated()) {
                authenticated = attempt;
            }
        }
        journal.changed();
    }

    /** An AUTH attempt goes on (a 334 was sent): what it has shown so far, without a reply yet. */
    public void authUnderWay(AuthAttempt soFar) {
        authUnderWay = soFar;
    }

    /** The session's identity is gone (a new TLS session starts from scratch). */
    public void unauthenticated() {
        authenticated = null;
    }

    public void reply(Reply reply, String rule) {
        reply(reply, rule, null);
    }

    /** @param detail what the rule's limit or greylist saw, or null */
    public void reply(Reply reply, String rule, String detail) {
        add(new ServerReply(journal.now(), reply, rule, detail));
    }

    /** The client's address and port, as the session was opened with. */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** TLS is up: what was negotiated. */
    public void tls(TlsInfo info) {
        tls = info;
        add(new TlsHandshake(journal.now(), info, null));
    }

    /** A TLS handshake failed; {@code reason} is the TLS library's message (it never holds key material). */
    public void tlsFailure(String reason) {
        synchronized (this) {
            if (tlsFailure != null) {
                return;
            }
            tlsFailure = reason;
        }
        add(new TlsHandshake(journal.now(), null, reason));
    }

    /** Records how the session ended; only the first call counts. */
    public void end(SessionEnd how) {
        synchronized (this) {
            if (end != null) {
                return;
            }
            endedAt = journal.now();
            end = how;
        }
        journal.sessionEnded(generation);
        journal.ended(this);
    }

    /** Records an accepted message of this session. */
    public void message(String queueId, Envelope envelope, byte[] raw, boolean bareLineEndings) {
        journal.addMessage(new ReceivedMessage(queueId, id, journal.now(), envelope, raw, bareLineEndings));
    }

    private void add(TranscriptEntry entry) {
        long entryBytes = Sizes.of(entry);
        boolean counted;
        synchronized (this) {
            JournalLimits limits = journal.limits;
            if (size >= limits.sessionEntries() || bytes + entryBytes > limits.sessionBytes()) {
                droppedEntries++;
                return;
            }
            TranscriptEntry[] entries = transcript;
            if (size == entries.length) {
                entries = Arrays.copyOf(entries, entries.length * 2);
                transcript = entries; // published before the count that needs it
            }
            entries[size] = entry;
            size++;
            bytes += entryBytes;
            counted = listed;
            if (counted) {
                journalBytes.addAndGet(entryBytes);
            }
        }
        if (counted) {
            journal.grew();
        }
        journal.changed();
    }

    /** The journal dropped this session: from now on it no longer counts; returns what it counted. */
    synchronized long unlist() {
        listed = false;
        return bytes;
    }

    /** A copy made without locking: the count first, then the array published before it. */
    SessionRecord snapshot() {
        SessionEnd how = end; // read before the transcript: a session that ended shows its whole transcript
        Instant ended = endedAt;
        int count = size;
        List<TranscriptEntry> entries = Arrays.asList(transcript).subList(0, count);
        return new SessionRecord(id, connectionNumber, remoteAddress, startedAt, how == null ? null : ended, how,
                entries, droppedEntries, tls, tlsFailure, attempts(), authenticated);
    }

    private List<AuthAttempt> attempts() {
        AuthAttempt underWay = authUnderWay;
        List<AuthAttempt> ended = authAttempts;
        if (underWay == null) {
            return ended;
        }
        List<AuthAttempt> all = new ArrayList<>(ended);
        all.add(underWay);
        return all;
    }

    boolean isOpen() {
        return end == null;
    }
}
