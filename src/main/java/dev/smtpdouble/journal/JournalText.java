package dev.smtpdouble.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Renders a journal as text for failure messages and reports: every session with its transcript, then the messages. */
public final class JournalText {

    /** Transcript lines shown per session; the rest are counted. */
    private static final int MAX_LINES = 60;
    /** Sessions shown; the rest are counted. */
    private static final int MAX_SESSIONS = 20;

    private JournalText() {
    }

    public static String render(Journal journal) {
        return render(journal.sessions(), journal.messages());
    }

    public static String render(List<SessionRecord> sessions, List<ReceivedMessage> messages) {
        StringBuilder out = new StringBuilder("What the server saw: ")
                .append(count(sessions.size(), "session")).append(", ")
                .append(count(messages.size(), "message")).append('\n');
        Instant first = sessions.isEmpty() ? null : sessions.get(0).startedAt();
        sessions.stream().limit(MAX_SESSIONS).forEach(session -> session(out, session, first));
        if (sessions.size() > MAX_SESSIONS) {
            out.append("  ... and ").append(count(sessions.size() - MAX_SESSIONS, "more session")).append('\n');
        }
        for (int i = 0; i < messages.size(); i++) {
            out.append("message ").append(i).append(": ").append(messages.get(i))
                    .append(" subject ").append(subject(messages.get(i))).append('\n');
        }
        return out.toString();
    }

    private static void session(StringBuilder out, SessionRecord session, Instant first) {
        out.append("session ").append(session.id())
                .append(" (connection ").append(session.connectionNumber())
                .append(", from ").append(session.remoteAddress())
                .append(", started +").append(Duration.between(first, session.startedAt()).toMillis()).append(" ms, ")
                .append(session.isOpen() ? "still open" : "ended: " + session.end().name().toLowerCase(Locale.ROOT))
                .append(session.authenticatedAs() == null ? "" : ", authenticated as " + session.authenticatedAs())
                .append(")\n");
        List<TranscriptEntry> transcript = session.transcript();
        transcript.stream().limit(MAX_LINES).forEach(entry -> out.append("  ").append(entry).append('\n'));
        int hidden = Math.max(0, transcript.size() - MAX_LINES) + session.droppedEntries();
        if (hidden > 0) {
            out.append("  ... and ").append(count(hidden, "more line")).append('\n');
        }
    }

    public static String subject(ReceivedMessage message) {
        try {
            String subject = message.mimeMessage().getSubject();
            return subject == null ? "(none)" : "'" + subject + "'";
        } catch (Exception e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** "1 session", "2 sessions". */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
