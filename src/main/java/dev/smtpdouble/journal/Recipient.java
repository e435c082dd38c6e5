package dev.smtpdouble.journal;

import java.util.Map;

/** An accepted RCPT TO: the address and its ESMTP parameters. */
public record Recipient(String address, Map<String, String> parameters) {
    public Recipient {
        parameters = Map.copyOf(parameters);
    }
}
