package dev.smtpdouble.journal;

import dev.smtpdouble.journal.TranscriptEntry.ClientCommand;
import dev.smtpdouble.journal.TranscriptEntry.ServerReply;
import dev.smtpdouble.protocol.Reply;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one session.
 *
 * @param id               unique per journal, in order of connection
 * @param connectionNumber the connection's number on this server since the last reset (1 = first)
 * @param remoteAddress    the client's address and port
 * @param end              how it ended; null while it is open
 * @param endedAt          when it ended; null while it is open
 * @param droppedEntries   transcript entries not kept because the session exceeded the per-session bound
 */
public record SessionRecord(long id, int connectionNumber, String remoteAddress, Instant startedAt,
                            Instant endedAt, SessionEnd end, List<TranscriptEntry> transcript,
                            int droppedEntries) {

    public SessionRecord {
        transcript = List.copyOf(transcript);
    }

    public boolean isOpen() {
        return end == null;
    }

    /** The client's command lines in order. */
    public List<String> commands() {
        return transcript.stream().filter(ClientCommand.class::isInstance).map(e -> ((ClientCommand) e).line()).toList();
    }

    /** The server's replies in order, the greeting first. */
    public List<Reply> replies() {
        return transcript.stream().filter(ServerReply.class::isInstance).map(e -> ((ServerReply) e).reply()).toList();
    }

    /** The reply codes in order, the greeting first. */
    public List<Integer> replyCodes() {
        return replies().stream().map(Reply::code).toList();
    }
}
