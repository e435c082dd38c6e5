package dev.smtpdouble.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.journal.AuthAttempt;
import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.journal.Recipient;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.journal.TranscriptEntry;
import dev.smtpdouble.journal.TranscriptEntry.ClientCommand;
import dev.smtpdouble.journal.TranscriptEntry.ClientResponse;
import dev.smtpdouble.journal.TranscriptEntry.ServerReply;
import dev.smtpdouble.protocol.TlsInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The journal of one listener as JSON, written as it is read: one session at a time goes from the
 * journal to the client, so the answer's size is not bounded by the heap. Transcript lines read
 * {@code C: MAIL FROM:<a@b>} and {@code S: 250 2.1.0 Ok}; {@code entries} gives the same lines with
 * their timestamps and the rule that produced a reply.
 */
final class JournalView {

    /** One session: who connected, when, how it ended, what was said and which messages it delivered. */
    record SessionView(long id, int connection, String remoteAddress, String startedAt, String endedAt, String end,
                       boolean open, List<String> transcript, List<EntryView> entries, int droppedEntries,
                       List<String> messages, TlsView tls, String tlsFailure, String authenticatedAs,
                       List<AuthView> authAttempts) {
    }

    /** One AUTH command: mechanism, user name, outcome, whether a secret travelled and how; never the secret. */
    record AuthView(String at, String mechanism, String user, boolean authenticated, String reply, boolean encrypted,
                    boolean sentSecret, boolean sentSecretInClear) {
    }

    /** What TLS negotiated: version, cipher suite, the SNI name asked for, implicit or starttls. */
    record TlsView(String version, String cipherSuite, String serverName, String mode) {
    }

    /**
     * One transcript line with its time, and for a reply the scenario rule behind it (null: default)
     * and what the rule's limit or greylist saw (null when it has none).
     */
    record EntryView(String at, String line, String rule, String detail) {
    }

    /** One accepted message: its queue id, envelope, size, subject and the path of its raw bytes. */
    record MessageView(String id, long sessionId, String receivedAt, String sender, List<String> recipients,
                       Map<String, String> mailParameters, List<RecipientView> recipientParameters, int size,
                       String subject, boolean bareLineEndings, String rawPath, String authenticatedAs) {
    }

    /** A recipient with its ESMTP parameters (NOTIFY, ORCPT). */
    record RecipientView(String address, Map<String, String> parameters) {
    }

    private JournalView() {
    }

    /**
     * {@code {port, sessions, messages, droppedSessions, droppedMessages, retainedBytes, lastSessionId,
     * next}}: the sessions the query selects, and the messages of those sessions.
     */
    static void write(JsonGenerator json, SmtpDouble smtp, JournalQuery query) throws IOException {
        Journal journal = smtp.journal();
        String prefix = "/listeners/" + smtp.port();
        List<ReceivedMessage> messages = query.messagesOf(journal.messages());
        Map<Long, List<String>> bySession = new HashMap<>();
        for (ReceivedMessage message : messages) {
            bySession.computeIfAbsent(message.sessionId(), id -> new ArrayList<>(1)).add(message.id());
        }
        json.writeStartObject();
        json.writeNumberField("port", smtp.port());
        json.writeArrayFieldStart("sessions");
        JournalQuery.Pages sessions = query.sessions(journal);
        while (sessions.hasNext()) {
            SessionRecord session = sessions.next();
            json.writeObject(session(session, bySession.getOrDefault(session.id(), List.of())));
        }
        json.writeEndArray();
        long last = sessions.last();
        boolean more = sessions.cut();
        json.writeArrayFieldStart("messages");
        for (ReceivedMessage message : messages) {
            if (!more || message.sessionId() <= last) {
                json.writeObject(message(message, prefix + "/messages/"));
            }
        }
        json.writeEndArray();
        json.writeNumberField("droppedSessions", journal.droppedSessions());
        json.writeNumberField("droppedMessages", journal.droppedMessages());
        json.writeNumberField("retainedBytes", journal.retainedBytes());
        json.writeNumberField("lastSessionId", last);
        json.writeStringField("next", more ? prefix + "/journal?since=" + last + "&limit=" + query.limit() : null);
        json.writeEndObject();
    }

    /** {@code {port, messages}}: the messages the query selects. */
    static void writeMessages(JsonGenerator json, SmtpDouble smtp, JournalQuery query) throws IOException {
        String prefix = "/listeners/" + smtp.port() + "/messages/";
        json.writeStartObject();
        json.writeNumberField("port", smtp.port());
        json.writeArrayFieldStart("messages");
        for (ReceivedMessage message : query.messagesOf(smtp.journal().messages())) {
            json.writeObject(message(message, prefix));
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    static MessageView message(ReceivedMessage message, String rawPrefix) {
        List<RecipientView> recipients = message.envelope().recipients().stream()
                .map(JournalView::recipient).toList();
        return new MessageView(message.id(), message.sessionId(), time(message.receivedAt()),
                message.envelope().sender(), message.envelope().recipientAddresses(),
                message.envelope().mailParameters(), recipients, message.size(), message.subject(),
                message.bareLineEndings(), rawPrefix + message.id(), message.envelope().authenticatedAs());
    }

    private static RecipientView recipient(Recipient recipient) {
        return new RecipientView(recipient.address(), recipient.parameters());
    }

    /** Each transcript line is rendered once, for both {@code transcript} and {@code entries}. */
    private static SessionView session(SessionRecord session, List<String> messages) {
        List<TranscriptEntry> transcript = session.transcript();
        List<String> lines = new ArrayList<>(transcript.size());
        List<EntryView> entries = new ArrayList<>(transcript.size());
        for (TranscriptEntry entry : transcript) {
            String line = line(entry);
            lines.add(line);
            ServerReply reply = entry instanceof ServerReply r ? r : null;
            entries.add(new EntryView(time(entry.at()), line, reply == null ? null : reply.rule(),
                    reply == null ? null : reply.detail()));
        }
        String end = session.end() == null ? null : session.end().name().toLowerCase(Locale.ROOT);
        List<AuthView> attempts = session.authAttempts().stream().map(JournalView::auth).toList();
        return new SessionView(session.id(), session.connectionNumber(), session.remoteAddress(),
                time(session.startedAt()), time(session.endedAt()), end, session.isOpen(), lines, entries,
                session.droppedEntries(), messages, tls(session.tls()), session.tlsFailure(), session.authenticatedAs(),
                attempts);
    }

    private static AuthView auth(AuthAttempt attempt) {
        return new AuthView(time(attempt.at()), attempt.mechanism(), attempt.user(), attempt.authenticated(),
                attempt.reply() == null ? null : attempt.reply().toString(), attempt.encrypted(), attempt.sentSecret(),
                attempt.sentSecretInClear());
    }

    static String line(TranscriptEntry entry) {
        if (entry instanceof ClientCommand command) {
            return "C: " + command.line();
        } else if (entry instanceof ClientResponse response) {
            return "C: " + response.line();
        } else if (entry instanceof ServerReply reply) {
            return "S: " + reply.reply();
        }
        return entry.toString();
    }

    private static TlsView tls(TlsInfo info) {
        return info == null ? null : new TlsView(info.version(), info.cipherSuite(), info.serverName(), info.mode());
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
