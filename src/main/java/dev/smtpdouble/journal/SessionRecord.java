package dev.smtpdouble.journal;

import dev.smtpdouble.journal.TranscriptEntry.ClientCommand;
import dev.smtpdouble.journal.TranscriptEntry.ServerReply;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.TlsInfo;
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
 * @param tls              what TLS negotiated (the last handshake); null when the session stayed in plaintext
 * @param tlsFailure       why a TLS handshake failed, or null
 * @param authAttempts     every AUTH command and how it ended, in order
 * @param authenticated    the attempt that authenticated the session (its user and mechanism), or null
 */
public record SessionRecord(long id, int connectionNumber, String remoteAddress, Instant startedAt,
                            Instant endedAt, SessionEnd end, List<TranscriptEntry> transcript,
                            int droppedEntries, TlsInfo tls, String tlsFailure, List<AuthAttempt> authAttempts,
                            AuthAttempt authenticated) {

    public SessionRecord {
        transcript = List.copyOf(transcript);
        authAttempts = List.copyOf(authAttempts);
    }

    /** The user the session authenticated as, or null. */
    public String authenticatedAs() {
        return authenticated == null ? null : authenticated.user();
    }

    /** Whether the client sent a password or token without TLS in this session. */
    public boolean sentSecretInClear() {
        return authAttempts.stream().anyMatch(AuthAttempt::sentSecretInClear);
    }

    public boolean isOpen() {
        return end == null;
    }

    /** Whether TLS was negotiated in this session. */
    public boolean usedTls() {
        return tls != null;
    }

    /**
     * Whether every command was sent under TLS (the greeting aside): true for an implicit-TLS session,
     * or one whose only plaintext commands came before STARTTLS and were EHLO, HELO, STARTTLS, NOOP.
     */
    public boolean commandsEncrypted() {
        boolean encrypted = false;
        for (TranscriptEntry entry : transcript) {
            if (entry instanceof TranscriptEntry.TlsHandshake handshake && handshake.info() != null) {
                encrypted = true;
            } else if (entry instanceof ClientCommand command && !encrypted && !isHandshakePrelude(command.line())) {
                return false;
            }
        }
        return encrypted;
    }

    private static boolean isHandshakePrelude(String line) {
        String verb = line.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
        return verb.equals("EHLO") || verb.equals("HELO") || verb.equals("STARTTLS") || verb.equals("NOOP");
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
