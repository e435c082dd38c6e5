package dev.smtpdouble.artifacts;

import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.journal.Recipient;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.journal.TranscriptEntry;
import dev.smtpdouble.journal.TranscriptEntry.ClientCommand;
import dev.smtpdouble.journal.TranscriptEntry.ServerReply;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The lines of {@code journal.jsonl}, one JSON object each, named as the admin API names the same
 * things: a {@code "type":"message"} line when a message is accepted (with the name of its
 * {@code .eml} file), a {@code "type":"session"} line when a session ends, and a
 * {@code "type":"summary"} line when the server stops.
 */
final class ArtifactLines {

    private ArtifactLines() {
    }

    static Map<String, Object> message(ReceivedMessage message, String file) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "message");
        line.put("id", message.id());
        line.put("sessionId", message.sessionId());
        line.put("receivedAt", time(message.receivedAt()));
        line.put("sender", message.envelope().sender());
        line.put("recipients", message.envelope().recipientAddresses());
        line.put("mailParameters", message.envelope().mailParameters());
        line.put("recipientParameters", message.envelope().recipients().stream().map(ArtifactLines::recipient).toList());
        line.put("size", message.size());
        line.put("bareLineEndings", message.bareLineEndings());
        line.put("file", file);
        return line;
    }

    static Map<String, Object> session(SessionRecord session) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "session");
        line.put("id", session.id());
        line.put("connection", session.connectionNumber());
        line.put("remoteAddress", session.remoteAddress());
        line.put("startedAt", time(session.startedAt()));
        line.put("endedAt", time(session.endedAt()));
        line.put("end", session.end() == null ? null : session.end().name().toLowerCase(Locale.ROOT));
        line.put("entries", session.transcript().stream().map(ArtifactLines::entry).toList());
        line.put("droppedEntries", session.droppedEntries());
        line.put("tls", session.tls() == null ? null : session.tls().toString());
        line.put("tlsFailure", session.tlsFailure());
        return line;
    }

    static Map<String, Object> summary(long messages, long sessions, long dropped) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "summary");
        line.put("messages", messages);
        line.put("sessions", sessions);
        line.put("dropped", dropped);
        return line;
    }

    private static Map<String, Object> recipient(Recipient recipient) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("address", recipient.address());
        view.put("parameters", recipient.parameters());
        return view;
    }

    private static Map<String, Object> entry(TranscriptEntry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", time(entry.at()));
        if (entry instanceof ClientCommand command) {
            view.put("line", "C: " + command.line());
        } else if (entry instanceof ServerReply reply) {
            view.put("line", "S: " + reply.reply());
            view.put("rule", reply.rule());
        } else {
            view.put("line", entry.toString());
        }
        return view;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
