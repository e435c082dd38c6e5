package dev.smtpdouble.junit;

import static dev.smtpdouble.junit.SmtpAssertions.failure;

import dev.smtpdouble.journal.JournalReader;
import dev.smtpdouble.journal.ReceivedMessage;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Assertions on one accepted message: its envelope, headers and text (parsed with Jakarta Mail). */
public final class MessageAssert {

    private final JournalAssert journalAssert;
    private final JournalReader journal;
    private final ReceivedMessage message;

    MessageAssert(JournalAssert journalAssert, JournalReader journal, ReceivedMessage message) {
        this.journalAssert = journalAssert;
        this.journal = journal;
        this.message = message;
    }

    public ReceivedMessage message() {
        return message;
    }

    public MessageAssert hasSubject(String expected) {
        String actual = read(() -> message.mimeMessage().getSubject());
        if (!Objects.equals(actual, expected)) {
            throw failure("message " + message.id() + ": expected subject '" + expected + "' but it was '" + actual
                    + "'", expected, actual, journal);
        }
        return this;
    }

    /** The envelope sender (MAIL FROM), without angle brackets; empty for the null path. */
    public MessageAssert hasSender(String expected) {
        String actual = message.envelope().sender();
        if (!actual.equals(expected)) {
            throw failure("message " + message.id() + ": expected envelope sender <" + expected + "> but it was <"
                    + actual + ">", expected, actual, journal);
        }
        return this;
    }

    /** The session that sent it had authenticated (AUTH) as this user. */
    public MessageAssert wasSentAuthenticatedAs(String user) {
        String actual = message.envelope().authenticatedAs();
        if (!user.equals(actual)) {
            throw failure("message " + message.id() + ": expected it to be sent by a session authenticated as '"
                    + user + "' but " + (actual == null ? "the session had not authenticated"
                    : "it was authenticated as '" + actual + "'"), user, actual, journal);
        }
        return this;
    }

    /** The envelope recipients (RCPT TO), exactly these, in order. */
    public MessageAssert hasRecipients(String... expected) {
        List<String> wanted = Arrays.asList(expected);
        List<String> actual = message.envelope().recipientAddresses();
        if (!actual.equals(wanted)) {
            throw failure("message " + message.id() + ": expected envelope recipients " + wanted + " but they were "
                    + actual, wanted, actual, journal);
        }
        return this;
    }

    /** A header with this value (the first of that name, unfolded, not decoded). */
    public MessageAssert hasHeader(String name, String expected) {
        String actual = read(() -> message.mimeMessage().getHeader(name, null));
        if (!Objects.equals(actual, expected)) {
            throw failure("message " + message.id() + ": expected header " + name + ": " + expected + " but it was "
                    + (actual == null ? "absent" : actual), expected, actual, journal);
        }
        return this;
    }

    /** The decoded text of its text parts contains {@code expected}. */
    public MessageAssert hasTextContaining(String expected) {
        String text = text();
        if (!text.contains(expected)) {
            throw failure("message " + message.id() + ": expected its text to contain '" + expected + "' but it was:\n"
                    + text, journal);
        }
        return this;
    }

    /** The decoded text of all its {@code text/*} parts, joined by newlines. */
    public String text() {
        return read(() -> {
            StringBuilder out = new StringBuilder();
            collectText(message.mimeMessage(), out);
            return out.toString();
        });
    }

    public MimeMessage mimeMessage() {
        return message.mimeMessage();
    }

    /** Back to the whole journal. */
    public JournalAssert and() {
        return journalAssert;
    }

    private static void collectText(Part part, StringBuilder out) throws MessagingException, IOException {
        if (part.isMimeType("text/*")) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collectText(body, out);
            }
        }
    }

    private interface MailRead<T> {
        T get() throws MessagingException, IOException;
    }

    private <T> T read(MailRead<T> read) {
        try {
            return read.get();
        } catch (MessagingException | IOException e) {
            throw failure("message " + message.id() + " cannot be read as MIME: " + e.getMessage(), journal);
        }
    }
}
