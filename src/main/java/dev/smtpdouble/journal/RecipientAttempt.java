package dev.smtpdouble.journal;

import dev.smtpdouble.journal.TranscriptEntry.ClientCommand;
import dev.smtpdouble.journal.TranscriptEntry.ServerReply;
import dev.smtpdouble.protocol.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code RCPT TO} a client sent for an address, and how the server answered it: the material of
 * "did the client retry this recipient, how often, and how long after".
 *
 * @param at        when the command came
 * @param sessionId the session it came in
 * @param reply     the server's answer; null when the session ended before one
 * @param rule      the scenario rule that answered, or null for the default behaviour
 */
public record RecipientAttempt(Instant at, long sessionId, Reply reply, String rule) {

    private static final Pattern RCPT = Pattern.compile("(?i)^RCPT\\s+TO:\\s*<?([^>\\s]*)");

    public boolean accepted() {
        return reply != null && reply.code() / 100 == 2;
    }

    /** The attempts for {@code recipient} (compared without regard to case) in these sessions, in time order. */
    static List<RecipientAttempt> of(List<SessionRecord> sessions, String recipient) {
        String wanted = recipient.toLowerCase(Locale.ROOT);
        List<RecipientAttempt> attempts = new ArrayList<>();
        for (SessionRecord session : sessions) {
            List<TranscriptEntry> transcript = session.transcript();
            for (int i = 0; i < transcript.size(); i++) {
                if (transcript.get(i) instanceof ClientCommand command && wanted.equals(address(command.line()))) {
                    ServerReply reply = i + 1 < transcript.size() && transcript.get(i + 1) instanceof ServerReply r
                            ? r : null;
                    attempts.add(new RecipientAttempt(command.at(), session.id(), reply == null ? null : reply.reply(),
                            reply == null ? null : reply.rule()));
                }
            }
        }
        attempts.sort((a, b) -> a.at().compareTo(b.at()));
        return attempts;
    }

    private static String address(String line) {
        Matcher rcpt = RCPT.matcher(line);
        return rcpt.find() ? rcpt.group(1).toLowerCase(Locale.ROOT) : null;
    }
}
