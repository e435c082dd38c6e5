package dev.smtpdouble.protocol;

import java.util.Map;

/**
 * A well-formed MAIL FROM or RCPT TO argument.
 *
 * @param address    the mailbox without angle brackets and without a source route; empty for the null path {@code <>}
 * @param parameters ESMTP parameters in the order given, names upper-cased; a parameter without a value maps to ""
 */
public record EnvelopeArgument(String address, Map<String, String> parameters) {
    public EnvelopeArgument {
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }

    public boolean isNullPath() {
        return address.isEmpty();
    }
}
