package dev.smtpdouble.journal;

import java.util.List;
import java.util.Map;

/**
 * The envelope of an accepted message.
 *
 * @param sender         the MAIL FROM address; empty for the null path
 * @param mailParameters the ESMTP parameters of MAIL FROM
 * @param recipients     the accepted recipients, in order
 * @param authenticatedAs the user the session had authenticated as (AUTH) when MAIL FROM came, or null
 */
public record Envelope(String sender, Map<String, String> mailParameters, List<Recipient> recipients,
                       String authenticatedAs) {
    public Envelope {
        mailParameters = Map.copyOf(mailParameters);
        recipients = List.copyOf(recipients);
    }

    /** An envelope from a session that did not authenticate. */
    public Envelope(String sender, Map<String, String> mailParameters, List<Recipient> recipients) {
        this(sender, mailParameters, recipients, null);
    }

    /**
     * The MAIL FROM {@code AUTH=} value to trust (RFC 4954 §5): as the client sent it when the session
     * authenticated, {@code <>} when it did not; null when the client sent none. {@code mailParameters}
     * keeps what was sent.
     */
    public String trustedAuthParameter() {
        String sent = mailParameters.get("AUTH");
        return sent == null ? null : authenticatedAs != null ? sent : "<>";
    }

    public List<String> recipientAddresses() {
        return recipients.stream().map(Recipient::address).toList();
    }
}
