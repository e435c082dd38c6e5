package dev.smtpdouble.journal;

import java.util.List;
import java.util.Map;

/**
 * The envelope of an accepted message.
 *
 * @param sender         the MAIL FROM address; empty for the null path
 * @param mailParameters the ESMTP parameters of MAIL FROM
 * @param recipients     the accepted recipients, in order
 */
public record Envelope(String sender, Map<String, String> mailParameters, List<Recipient> recipients) {
    public Envelope {
        mailParameters = Map.copyOf(mailParameters);
        recipients = List.copyOf(recipients);
    }

    public List<String> recipientAddresses() {
        return recipients.stream().map(Recipient::address).toList();
    }
}
