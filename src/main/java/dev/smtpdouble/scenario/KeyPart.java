package dev.smtpdouble.scenario;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a rate limit, a concurrency limit or a greylist tells clients apart by. A key is one or more
 * parts; its value joins theirs with '/', as postgrey writes {@code client/sender/recipient}.
 * Addresses and names are compared without regard to case.
 */
public enum KeyPart {
    /** The client's IP address. */
    CLIENT_IP,
    /** The client's network: the /24 of an IPv4 address, the /64 of an IPv6 one (postgrey's default). */
    CLIENT_NETWORK,
    /** The name given in HELO/EHLO. */
    HELO,
    /** The transaction's sender; {@code <>} for the null sender. */
    SENDER,
    SENDER_DOMAIN,
    RECIPIENT,
    RECIPIENT_DOMAIN,
    /**
     * The user the session authenticated as (AUTH), exactly as given; on an {@code auth} rule, before
     * it succeeds, the user name the client gives. Sessions that have not authenticated have none, so a
     * limit by user does not count them.
     */
    USER,
    /** The whole server: one key for everyone. */
    SERVER;

    /** The triggers whose events carry a sender and recipients. */
    private static final Set<Trigger> SENDER_KNOWN = EnumSet.of(Trigger.MAIL, Trigger.RCPT, Trigger.DATA,
            Trigger.BDAT, Trigger.MESSAGE);
    private static final Set<Trigger> RECIPIENT_KNOWN = EnumSet.of(Trigger.RCPT, Trigger.DATA, Trigger.BDAT,
            Trigger.MESSAGE);

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The accepted events that can give a connection a new value of this part, for concurrency limits. */
    Set<Trigger> changedBy() {
        return switch (this) {
            case HELO -> EnumSet.of(Trigger.EHLO, Trigger.HELO);
            case SENDER, SENDER_DOMAIN, USER -> EnumSet.of(Trigger.MAIL);
            default -> EnumSet.of(Trigger.CONNECT);
        };
    }

    /** Where this part has a value: a rule on another trigger cannot use it. */
    Set<Trigger> knownAt() {
        return switch (this) {
            case SENDER, SENDER_DOMAIN -> SENDER_KNOWN;
            case RECIPIENT, RECIPIENT_DOMAIN -> RECIPIENT_KNOWN;
            case HELO, USER -> EnumSet.complementOf(EnumSet.of(Trigger.CONNECT));
            default -> EnumSet.allOf(Trigger.class);
        };
    }

    /** This part's values in the event: none when unknown, several for the recipients of a message. */
    List<String> values(Event event) {
        return switch (this) {
            case CLIENT_IP -> one(event.clientAddress());
            case CLIENT_NETWORK -> one(event.clientAddress() == null ? null : network(event.clientAddress()));
            case HELO -> one(event.heloName() == null ? null : event.heloName().toLowerCase(Locale.ROOT));
            case SENDER -> one(event.sender() == null ? null : address(event.sender()));
            case SENDER_DOMAIN -> one(event.sender() == null ? null : domain(event.sender()));
            case RECIPIENT -> distinct(event.recipients(), false);
            case RECIPIENT_DOMAIN -> distinct(event.recipients(), true);
            case USER -> one(event.authenticatedAs() != null ? event.authenticatedAs()
                    : event.trigger() == Trigger.AUTH ? event.user() : null);
            case SERVER -> List.of("*");
        };
    }

    /** The values of a key of several parts: every combination, each joined with '/'. */
    static List<String> values(List<KeyPart> key, Event event) {
        if (key.size() == 1) {
            return key.get(0).values(event); // the common case, without combining
        }
        List<String> combined = List.of("");
        for (KeyPart part : key) {
            List<String> values = part.values(event);
            List<String> next = new ArrayList<>(combined.size() * values.size());
            for (String prefix : combined) {
                for (String value : values) {
                    next.add(prefix.isEmpty() ? value : prefix + "/" + value);
                }
            }
            combined = next;
        }
        return combined;
    }

    private static List<String> one(String value) {
        return value == null ? List.of() : List.of(value);
    }

    private static List<String> distinct(List<String> recipients, boolean domains) {
        if (recipients.size() == 1) {
            return List.of(domains ? domain(recipients.get(0)) : address(recipients.get(0)));
        }
        Set<String> values = new LinkedHashSet<>();
        for (String recipient : recipients) {
            values.add(domains ? domain(recipient) : address(recipient));
        }
        return List.copyOf(values);
    }

    private static String address(String address) {
        return address.isEmpty() ? "<>" : address.toLowerCase(Locale.ROOT);
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** a.b.c.0/24, or the first four groups of an IPv6 address and /64. */
    static String network(String ip) {
        if (ip.indexOf(':') < 0) {
            int last = ip.lastIndexOf('.');
            return last < 0 ? ip : ip.substring(0, last) + ".0/24";
        }
        String[] groups = ip.split(":", -1);
        return groups.length < 4 ? ip : String.join(":", groups[0], groups[1], groups[2], groups[3]) + "::/64";
    }
}
