package dev.smtpdouble.journal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;

/**
 * A message the server accepted.
 *
 * @param id        the queue id given in the 250 reply
 * @param sessionId the session it came in
 * @param receivedAt when the final dot was accepted
 * @param envelope  sender, recipients and parameters
 * @param bareLineEndings whether the body held a bare CR or LF (kept as sent)
 */
public record ReceivedMessage(String id, long sessionId, Instant receivedAt, Envelope envelope, byte[] raw,
                              boolean bareLineEndings) {

    public ReceivedMessage {
        raw = raw.clone();
    }

    /** The message exactly as received, dot-unstuffed, without the terminating dot line. */
    @Override
    public byte[] raw() {
        return raw.clone();
    }

    public int size() {
        return raw.length;
    }

    public String rawText() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    /**
     * The decoded {@code Subject} header, or null when there is none or the header block cannot be
     * read. Reads the header block only, not the body: cheap enough for listing many messages.
     */
    public String subject() {
        String value;
        try {
            value = new InternetHeaders(new ByteArrayInputStream(raw)).getHeader("Subject", null);
        } catch (MessagingException e) {
            return null;
        }
        try {
            return value == null ? null : MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (UnsupportedEncodingException e) {
            return value; // as Jakarta Mail's MimeMessage.getSubject() does
        }
    }

    /** The message parsed by Jakarta Mail, on demand. */
    public MimeMessage mimeMessage() {
        try {
            return new MimeMessage(JakartaMail.SESSION, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalStateException("message " + id + " cannot be parsed as MIME: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ReceivedMessage[" + id + " from <" + envelope.sender() + "> to " + envelope.recipientAddresses()
                + ", " + raw.length + " bytes]";
    }

    /** Loaded on first use by a reader, never on the event loop that stores the message. */
    private static final class JakartaMail {
        static final Session SESSION = Session.getInstance(new Properties());
    }
}
