package dev.smtpdouble.scenario;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The values a rule's reply can name, filled in when it fires: {@code 450 4.2.0 <{recipient}>: Recipient
 * address rejected: Greylisted, see http://postgrey.schweikert.ch/help/{recipient_domain}.html}.
 * What the client sent is made printable and cut short before it goes into a reply.
 */
final class Placeholders {

    static final Set<String> NAMES = new LinkedHashSet<>(List.of("hostname", "client_ip", "helo", "sender",
            "sender_domain", "recipient", "recipient_domain", "user", "key", "count", "max", "seconds"));

    /** Longest value taken from what the client sent, so a reply line stays within bounds. */
    private static final int MAX_VALUE = 255;

    private Placeholders() {
    }

    /** The values of one firing; {@code finding} is null for a rule without limit or greylist. */
    static UnaryOperator<String> of(Event event, Tallies.Finding finding, String hostname) {
        return name -> switch (name) {
            case "hostname" -> hostname;
            case "client_ip" -> safe(event.clientAddress());
            case "helo" -> safe(event.heloName());
            case "sender" -> safe(event.sender());
            case "sender_domain" -> safe(first(KeyPart.SENDER_DOMAIN.values(event)));
            case "recipient" -> safe(event.recipients().isEmpty() ? "" : event.recipients().get(0));
            case "recipient_domain" -> safe(first(KeyPart.RECIPIENT_DOMAIN.values(event)));
            case "user" -> safe(first(KeyPart.USER.values(event)));
            case "key" -> finding == null ? "" : safe(finding.key());
            case "count" -> finding == null ? "" : Long.toString(finding.count());
            case "max" -> finding == null ? "" : Long.toString(finding.max());
            case "seconds" -> finding == null ? "" : Long.toString(finding.seconds());
            default -> null;
        };
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? "" : values.get(0);
    }

    /** Control characters become '?', and the value is cut at {@link #MAX_VALUE} characters. */
    private static String safe(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_VALUE));
        for (int i = 0; i < value.length() && i < MAX_VALUE; i++) {
            char c = value.charAt(i);
            out.append(c < ' ' || c == 127 ? '?' : c);
        }
        return out.toString();
    }
}
