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

    Envelope envelope() {
        return new Envelope(sender, mailParameters, recipients, authenticatedAs);
    }
}
