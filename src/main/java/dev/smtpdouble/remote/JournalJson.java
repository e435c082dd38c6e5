package dev.smtpdouble.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smtpdouble.journal.AuthAttempt;
import dev.smtpdouble.journal.Envelope;
import dev.smtpdouble.journal.Recipient;
import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.journal.TranscriptEntry;
import dev.smtpdouble.journal.TranscriptEntry.ClientCommand;
import dev.smtpdouble.journal.TranscriptEntry.ClientResponse;
import dev.smtpdouble.journal.TranscriptEntry.ServerReply;
import dev.smtpdouble.journal.TranscriptEntry.TlsHandshake;
import dev.smtpdouble.protocol.EnhancedStatus;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.TlsInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the admin API's journal JSON back into the journal's records: the inverse of its views. */
final class JournalJson {

    /** One line of a rendered reply: code, separator, optional enhanced status, text. */
    private static final Pattern REPLY_LINE = Pattern.compile("(\\d{3})([ -])(?:([245]\\.\\d{1,3}\\.\\d{1,3}) )?(.*)",
            Pattern.DOTALL);

    private JournalJson() {
    }

    static SessionRecord session(JsonNode node) {
        TlsInfo tls = tls(node.get("tls"));
        List<TranscriptEntry> transcript = new ArrayList<>();
        for (JsonNode entry : node.path("entries")) {
            transcript.add(entry(entry, tls, transcript.isEmpty() ? null : transcript.get(transcript.size() - 1)));
        }
        List<AuthAttempt> attempts = new ArrayList<>();
        for (JsonNode attempt : node.path("authAttempts")) {
            attempts.add(authAttempt(attempt));
        }
        String end = text(node, "end");
        return new SessionRecord(node.path("id").asLong(), node.path("connection").asInt(), text(node, "remoteAddress"),
                instant(node, "startedAt"), instant(node, "endedAt"),
                end == null ? null : SessionEnd.valueOf(end.toUpperCase(Locale.ROOT)), transcript,
                node.path("droppedEntries").asInt(), tls, text(node, "tlsFailure"), attempts,
                text(node, "authenticatedAs") == null ? null : lastAuthenticated(attempts));
    }

    private static AuthAttempt authAttempt(JsonNode node) {
        String reply = text(node, "reply");
        return new AuthAttempt(instant(node, "at"), text(node, "mechanism"), text(node, "user"),
                node.path("authenticated").asBoolean(), reply == null ? null : reply(reply),
                node.path("encrypted").asBoolean(), node.path("sentSecret").asBoolean());
    }

    /** The identity in force is the last attempt that authenticated (a TLS handshake clears it, then none is given). */
    private static AuthAttempt lastAuthenticated(List<AuthAttempt> attempts) {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (attempts.get(i).authenticated()) {
                return attempts.get(i);
            }
        }
        return null;
    }

    private static TlsInfo tls(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return new TlsInfo(node.path("version").asText(), node.path("cipherSuite").asText(), text(node, "serverName"),
                "implicit".equals(text(node, "mode")));
    }

    static Envelope envelope(JsonNode node) {
        List<Recipient> recipients = new ArrayList<>();
        for (JsonNode recipient : node.path("recipientParameters")) {
            recipients.add(new Recipient(recipient.path("address").asText(), strings(recipient.path("parameters"))));
        }
        return new Envelope(node.path("sender").asText(), strings(node.path("mailParameters")), recipients,
                text(node, "authenticatedAs"));
    }

    static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * @param tls      what the session's last handshake negotiated: the API gives it per session, not per line
     * @param previous the entry before; a client line that answers a 334 is a SASL response, not a command
     */
    private static TranscriptEntry entry(JsonNode node, TlsInfo tls, TranscriptEntry previous) {
        Instant at = instant(node, "at");
        String line = node.path("line").asText();
        if (line.startsWith("C: ")) {
            return previous instanceof ServerReply reply && reply.reply().code() == 334
                    ? new ClientResponse(at, line.substring(3)) : new ClientCommand(at, line.substring(3));
        } else if (line.startsWith("TLS failed: ")) {
            return new TlsHandshake(at, null, line.substring("TLS failed: ".length()));
        } else if (line.startsWith("TLS: ")) {
            return new TlsHandshake(at, tls, null);
        }
        return new ServerReply(at, reply(line.substring(line.startsWith("S: ") ? 3 : 0)), text(node, "rule"));
    }

    /** A reply as the journal renders it: {@code 250-a | 250-2.0.0 b | 250 c}, or one line. */
    static Reply reply(String rendered) {
        String code = rendered.length() >= 3 ? rendered.substring(0, 3) : rendered;
        String[] parts = rendered.split(" \\| (?=" + Pattern.quote(code) + "[ -])");
        List<String> lines = new ArrayList<>();
        EnhancedStatus status = null;
        boolean everyLineHasStatus = true;
        List<String> withoutStatus = new ArrayList<>();
        for (String part : parts) {
            Matcher line = REPLY_LINE.matcher(part);
            if (!line.matches()) {
                throw new IllegalStateException("the admin API sent a reply that is not CODE TEXT: " + rendered);
            }
            if (line.group(3) == null) {
                everyLineHasStatus = false;
            } else if (status == null) {
                status = EnhancedStatus.of(line.group(3));
            }
            lines.add(line.group(4));
            withoutStatus.add(line.group(3) == null ? line.group(4) : line.group(3) + " " + line.group(4));
        }
        return everyLineHasStatus
                ? new Reply(Integer.parseInt(code), status, lines)
                : new Reply(Integer.parseInt(code), null, withoutStatus);
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        return values;
    }
}
