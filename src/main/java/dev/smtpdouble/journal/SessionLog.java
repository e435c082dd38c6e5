package dev.smtpdouble.journal;

import dev.smtpdouble.journal.TranscriptEntry.ClientCommand;
import dev.smtpdouble.journal.TranscriptEntry.ServerReply;
import dev.smtpdouble.journal.TranscriptEntry.TlsHandshake;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.TlsInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The live record of one open session. Written by its connection, read through {@link Journal} snapshots. */
public final class SessionLog {

    private final Journal journal;
    private final long id;
    private final long generation;
    private final int connectionNumber;
    private final String remoteAddress;
    private final Instant startedAt;
    private final List<TranscriptEntry> transcript = new ArrayList<>();
    private int droppedEntries;
    private Instant endedAt;
    private SessionEnd end;
    private TlsInfo tls;
    private String tlsFailure;

    SessionLog(Journal journal, long id, long generation, int connectionNumber, String remoteAddress,
               Instant startedAt) {
        this.journal = journal;
        this.id = id;
        this.generation = generation;
        this.connectionNumber = connectionNumber;
        this.remoteAddress = remoteAddress;
        this.startedAt = startedAt;
    }

    public long id() {
        return id;
    }

    public void command(String line) {
        add(new ClientCommand(journal.now(), line));
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
        synchronized (this) {
            tls = info;
        }
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
            end = how;
            endedAt = journal.now();
        }
        synchronized (journal.lock) {
            journal.sessionEnded(generation);
        }
        journal.ended(this);
    }

    /** Records an accepted message of this session. */
    public void message(String queueId, Envelope envelope, byte[] raw, boolean bareLineEndings) {
        journal.addMessage(new ReceivedMessage(queueId, id, journal.now(), envelope, raw, bareLineEndings));
    }

    private void add(TranscriptEntry entry) {
        synchronized (this) {
            if (transcript.size() < journal.maxTranscriptEntries) {
                transcript.add(entry);
            } else {
                droppedEntries++;
            }
        }
        journal.sessionChanged();
    }

    synchronized SessionRecord snapshot() {
        return new SessionRecord(id, connectionNumber, remoteAddress, startedAt, endedAt, end, transcript,
                droppedEntries, tls, tlsFailure);
    }

    synchronized boolean isOpen() {
        return end == null;
    }
}
