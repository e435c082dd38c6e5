package dev.smtpdouble.scenario;

import dev.smtpdouble.protocol.SyntaxMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the default MTA behaves: its name, limits, syntax mode and advertised extensions.
 *
 * @param hostname           the name in the greeting and the EHLO reply
 * @param maxMessageSize     octets; advertised as SIZE, enforced at MAIL (SIZE=) and at the end of DATA
 * @param maxCommandLine     octets including CRLF (RFC 5321: 512)
 * @param maxTextLine        octets including CRLF (RFC 5321: 1000)
 * @param maxRecipients      recipients per message; more get 452 4.5.3
 * @param maxConnections     concurrent connections; more get a 421 4.7.0 greeting
 * @param idleTimeout        silence after which the server sends 421 4.4.2 and closes
 * @param drainTimeout       how long, after a 421, the server reads and discards before it closes
 * @param syntax             how strictly MAIL FROM / RCPT TO are parsed
 * @param hiddenExtensions   EHLO keywords not to advertise (e.g. PIPELINING)
 * @param extraExtensions    EHLO lines to advertise in addition (e.g. "AUTH PLAIN")
 */
public record Settings(String hostname, long maxMessageSize, int maxCommandLine, int maxTextLine, int maxRecipients,
                       int maxConnections, Duration idleTimeout, Duration drainTimeout, SyntaxMode syntax,
                       List<String> hiddenExtensions, List<String> extraExtensions) {

    public static final Settings DEFAULTS = new Settings("localhost", 10_240_000, 512, 1000, 1000, 256,
            Duration.ofMinutes(5), Duration.ofSeconds(2), SyntaxMode.LENIENT, List.of(), List.of());

    public Settings {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(syntax, "syntax");
        requireAtLeast("maxMessageSize", maxMessageSize, 1);
        requireAtLeast("maxCommandLine", maxCommandLine, 64);
        requireAtLeast("maxTextLine", maxTextLine, 64);
        requireAtLeast("maxRecipients", maxRecipients, 1);
        requireAtLeast("maxConnections", maxConnections, 1);
        if (hostname.isBlank() || hostname.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new IllegalArgumentException("hostname must be one word without spaces or control characters: '"
                    + hostname + "'");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout must not be negative: " + drainTimeout);
        }
        hiddenExtensions = hiddenExtensions.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
        extraExtensions = List.copyOf(extraExtensions);
    }

    private static void requireAtLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ": " + value);
        }
    }

    /** The EHLO extension lines, in the order Postfix lists them. */
    public List<String> extensions() {
        List<String> all = new ArrayList<>(List.of("PIPELINING", "SIZE " + maxMessageSize, "ENHANCEDSTATUSCODES",
                "8BITMIME", "DSN", "SMTPUTF8"));
        all.addAll(extraExtensions);
        all.removeIf(line -> hiddenExtensions.contains(line.split(" ", 2)[0].toUpperCase(Locale.ROOT)));
        return List.copyOf(all);
    }

    public Settings withHostname(String value) {
        return new Settings(value, maxMessageSize, maxCommandLine, maxTextLine, maxRecipients, maxConnections,
                idleTimeout, drainTimeout, syntax, hiddenExtensions, extraExtensions);
    }

    public Settings withMaxMessageSize(long value) {
        return new Settings(hostname, value, maxCommandLine, maxTextLine, maxRecipients, maxConnections,
                idleTimeout, drainTimeout, syntax, hiddenExtensions, extraExtensions);
    }

    public Settings withMaxCommandLine(int value) {
        return new Settings(hostname, maxMessageSize, value, maxTextLine, maxRecipients, maxConnections,
                idleTimeout, drainTimeout, syntax, hiddenExtensions, extraExtensions);
    }

    public Settings withMaxTextLine(int value) {
        return new Settings(hostname, maxMessageSize, maxCommandLine, value, maxRecipients, maxConnections,
                idleTimeout, drainTimeout, syntax, hiddenExtensions, extraExtensions);
    }

    public Settings withMaxRecipients(int value) {
        return new Settings(hostname, maxMessageSize, maxCommandLine, maxTextLine, value, maxConnections,
                idleTimeout, drainTimeout, syntax, hiddenExtensions, extraExtensions);
    }

    public Settings withMaxConnections(int value) {
        return new Settings(hostname, maxMessageSize, maxCommandLine, maxTextLine, maxRecipients, value,
                idleTimeout, drainTimeout, syntax, hiddenExtensions, extraExtensions);
    }

    public Settings withIdleTimeout(Duration value) {
        return new Settings(hostname, maxMessageSize, maxCommandLine, maxTextLine, maxRecipients, maxConnections,
                value, drainTimeout, syntax, hiddenExtensions, extraExtensions);
    }

    public Settings withDrainTimeout(Duration value) {
        return new Settings(hostname, maxMessageSize, maxCommandLine, maxTextLine, maxRecipients, maxConnections,
                idleTimeout, value, syntax, hiddenExtensions, extraExtensions);
    }

    public Settings withSyntax(SyntaxMode value) {
        return new Settings(hostname, maxMessageSize, maxCommandLine, maxTextLine, maxRecipients, maxConnections,
                idleTimeout, drainTimeout, value, hiddenExtensions, extraExtensions);
    }

    public Settings withExtensions(List<String> hidden, List<String> extra) {
        return new Settings(hostname, maxMessageSize, maxCommandLine, maxTextLine, maxRecipients, maxConnections,
                idleTimeout, drainTimeout, syntax, hidden, extra);
    }
}
