package dev.smtpdouble.session;

import dev.smtpdouble.journal.Envelope;
import dev.smtpdouble.journal.Recipient;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One mail transaction: the sender, the recipients, and the content while DATA streams. */
final class Transaction {

    final String sender;
    final Map<String, String> mailParameters;
    final List<Recipient> recipients = new ArrayList<>();
    final boolean smtputf8;
    /** Who the session had authenticated as when MAIL came, or null. */
    final String authenticatedAs;
    int rcptAttempts;
    ByteArrayOutputStream content;
    long contentBytes;
    boolean oversized;
    boolean overlongLine;
    boolean bareLineEndings;
    /** A content rule already answered; the rest of the message is discarded without a further reply. */
    boolean answered;
    /** The content comes by BDAT: DATA and RCPT are refused from now on. */
    boolean bdat;

    Transaction(String sender, Map<String, String> mailParameters, String authenticatedAs) {
        this.sender = sender;
        this.authenticatedAs = authenticatedAs;
        this.mailParameters = mailParameters;
        this.smtputf8 = mailParameters.containsKey("SMTPUTF8");
    }

    void startContent() {
        content = new ByteArrayOutputStream(4096);
        contentBytes = 0;
    }

    List<String> recipientAddresses() {
        List<String> addresses = new ArrayList<>(recipients.size());
        for (Recipient recipient : recipients) {
            addresses.add(recipient.address());
        }
        return addresses;
    }

    /** A BDAT chunk was accepted: its bytes join the content, unless the message went over the limit. */
    void takeChunk(byte[] bytes, long received, boolean overLimit) {
        bdat = true;
        if (content == null && !oversized) {
            content = new ByteArrayOutputStream(bytes.length);
        }
        contentBytes += received;
        if (overLimit) {
            oversized = true;
            content = null;
        } else if (content != null) {
            content.write(bytes, 0, bytes.length);
        }
    }

    /** Whether a CR or LF stands alone somewhere: BDAT content is taken as it comes, so it is looked for afterwards. */
    static boolean hasBareLineEnding(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            boolean crlf = raw[i] == '\r' && i + 1 < raw.length && raw[i + 1] == '\n';
            if (crlf) {
                i++;
            } else if (raw[i] == '\r' || raw[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    Envelope envelope() {
        return new Envelope(sender, mailParameters, recipients, authenticatedAs);
    }
}
