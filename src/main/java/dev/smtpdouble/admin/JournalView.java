package dev.smtpdouble.admin;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.journal.Recipient;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.journal.TranscriptEntry;
import dev.smtpdouble.journal.TranscriptEntry.ClientCommand;
import dev.smtpdouble.journal.TranscriptEntry.ServerReply;
import dev.smtpdouble.protocol.TlsInfo;
import jakarta.mail.MessagingException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The journal of one listener as JSON: every session with its transcript, and every accepted message
 * with its envelope. Transcript lines read {@code C: MAIL FROM:<a@b>} and {@code S: 250 2.1.0 Ok};
 * {@code entries} gives the same lines with their timestamps and the rule that produced a reply.
 */
record JournalView(int port, List<SessionView> sessions, List<MessageView> messages, long droppedSessions,
                   long droppedMessages) {

    /** One session: who connected, when, how it ended, what was said and which messages it delivered. */
    record SessionView(long id, int connection, String remoteAddress, String startedAt, String endedAt, String end,
                       boolean open, List<String> transcript, List<EntryView> entries, int droppedEntries,
                       List<String> messages, TlsView tls, String tlsFailure) {
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
                       String subject, boolean bareLineEndings, String rawPath) {
    }

    /** A recipient with its ESMTP parameters (NOTIFY, ORCPT). */
    record RecipientView(String address, Map<String, String> parameters) {
    }

    static JournalView of(SmtpDouble smtp) {
        Journal journal = smtp.journal();
        List<ReceivedMessage> received = journal.messages();
        List<SessionView> sessions = journal.sessions().stream().map(s -> session(s, received)).toList();
        String rawPrefix = "/listeners/" + smtp.port() + "/messages/";
        List<MessageView> messages = received.stream().map(m -> message(m, rawPrefix)).toList();
        return new JournalView(smtp.port(), sessions, messages, journal.droppedSessions(), journal.droppedMessages());
    }

    static MessageView message(ReceivedMessage message, String rawPrefix) {
        List<RecipientView> recipients = message.envelope().recipients().stream()
                .map(JournalView::recipient).toList();
        return new MessageView(message.id(), message.sessionId(), time(message.receivedAt()),
                message.envelope().sender(), message.envelope().recipientAddresses(),
                message.envelope().mailParameters(), recipients, message.size(), subject(message),
                message.bareLineEndings(), rawPrefix + message.id());
    }

    private static RecipientView recipient(Recipient recipient) {
        return new RecipientView(recipient.address(), recipient.parameters());
    }

    private static SessionView session(SessionRecord session, List<ReceivedMessage> received) {
        List<String> transcript = session.transcript().stream().map(JournalView::line).toList();
        List<EntryView> entries = session.transcript().stream()
                .map(entry -> new EntryView(time(entry.at()), line(entry), rule(entry), detail(entry)))
                .toList();
        List<String> messages = received.stream()
                .filter(message -> message.sessionId() == session.id())
                .map(ReceivedMessage::id)
                .toList();
        String end = session.end() == null ? null : session.end().name().toLowerCase(Locale.ROOT);
        return new SessionView(session.id(), session.connectionNumber(), session.remoteAddress(),
                time(session.startedAt()), time(session.endedAt()), end, session.isOpen(), transcript, entries,
                session.droppedEntries(), messages, tls(session.tls()), session.tlsFailure());
    }

    static String line(TranscriptEntry entry) {
        if (entry instanceof ClientCommand command) {
            return "C: " + command.line();
        } else if (entry instanceof ServerReply reply) {
            return "S: " + reply.reply();
        }
        return entry.toString();
    }

    private static String rule(TranscriptEntry entry) {
        return entry instanceof ServerReply reply ? reply.rule() : null;
    }

    private static String detail(TranscriptEntry entry) {
        return entry instanceof ServerReply reply ? reply.detail() : null;
    }

    private static String subject(ReceivedMessage message) {
        try {
            return message.mimeMessage().getSubject();
        } catch (MessagingException | IllegalStateException e) {
            return null;
        }
    }

    private static TlsView tls(TlsInfo info) {
        return info == null ? null : new TlsView(info.version(), info.cipherSuite(), info.serverName(), info.mode());
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
