package dev.smtpdouble.scenario;

import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.sasl.AuthSettings;
import dev.smtpdouble.tls.TlsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the default MTA behaves: its name, limits, syntax mode and advertised extensions.
 *
 * @param hostname           the name in the greeting and the EHLO reply
 * @param maxMessageSize     octets; advertised as SIZE, enforced at MAIL (SIZE=) and at the end of DATA
 * @param maxCommandLine     octets including CRLF (RFC 5321: 512)
 * @param maxTextLine        octets including CRLF (RFC 5321: 1000)
 * @param maxRecipients      recipients per message; more get 452 4.5.3
 * @param maxConnections     concurrent connections; more get a 421 4.7.0 greeting
 * @param maxConnectionsPerClient concurrent connections from one client address; more get
 *                           {@code 421 4.7.0 <hostname> Error: too many connections from <ip>}; 0 for no limit
 *                           (the default, as Postfix does for clients in mynetworks, loopback included)
 * @param idleTimeout        silence after which the server sends 421 4.4.2 and closes
 * @param drainTimeout       how long, after a 421, the server reads and discards before it closes
 * @param syntax             how strictly MAIL FROM / RCPT TO are parsed
 * @param hiddenExtensions   EHLO keywords not to advertise (e.g. PIPELINING)
 * @param extraExtensions    EHLO lines to advertise in addition (e.g. "X-EXPS GSSAPI")
 * @param tls                STARTTLS, TLS required, the certificate, versions and cipher suites
 * @param auth               AUTH: the accounts, the mechanisms offered, whether MAIL needs AUTH first
 * @param chunking           BDAT (RFC 3030) and BINARYMIME, off by default
 */
public record Settings(String hostname, long maxMessageSize, int maxCommandLine, int maxTextLine, int maxRecipients,
                       int maxConnections, int maxConnectionsPerClient, Duration idleTimeout, Duration drainTimeout,
                       SyntaxMode syntax, List<String> hiddenExtensions, List<String> extraExtensions, TlsSettings tls,
                       AuthSettings auth, Chunking chunking) {

    public static final Settings DEFAULTS = new Settings("localhost", 10_240_000, 512, 1000, 1000, 256, 0,
            Duration.ofMinutes(5), Duration.ofSeconds(2), SyntaxMode.LENIENT, List.of(), List.of(), TlsSettings.OFF,
            AuthSettings.OFF, Chunking.OFF);

    public Settings {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(syntax, "syntax");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(chunking, "chunking");
        requireAtLeast("maxMessageSize", maxMessageSize, 1);
        requireAtLeast("maxCommandLine", maxCommandLine, 64);
        requireAtLeast("maxTextLine", maxTextLine, 64);
        requireAtLeast("maxRecipients", maxRecipients, 1);
        requireAtLeast("maxConnections", maxConnections, 1);
        requireAtLeast("maxConnectionsPerClient", maxConnectionsPerClient, 0);
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
        for (String line : extraExtensions) {
            if (line.isBlank() || line.chars().anyMatch(c -> c < ' ' || c == 127)) {
                throw new IllegalArgumentException("an EHLO extension must be printable text on one line: '"
                        + line + "'");
            }
        }
    }

    private static void requireAtLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ": " + value);
        }
    }

    /** The EHLO extension lines, in the order Postfix lists them. */
    public List<String> extensions() {
        return extensionsWith(List.of());
    }

    /**
     * The EHLO extension lines with some that depend on the session's state (STARTTLS before TLS, AUTH),
     * placed where Postfix lists them: after SIZE, before ENHANCEDSTATUSCODES. Hidden ones stay hidden.
     */
    public List<String> extensionsWith(List<String> sessionKeywords) {
        List<String> all = new ArrayList<>(List.of("PIPELINING", "SIZE " + maxMessageSize));
        all.addAll(sessionKeywords);
        all.addAll(List.of("ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8"));
        if (syntax == SyntaxMode.EXIM) {
            all.remove("ENHANCEDSTATUSCODES"); // as Exim, whose replies to MAIL and RCPT carry none
        }
        if (chunking == Chunking.BINARYMIME) {
            all.add("BINARYMIME");
        }
        if (chunking.offered()) {
            all.add("CHUNKING"); // last, where Postfix lists it
        }
        all.addAll(extraExtensions);
        all.removeIf(line -> hides(line.split(" ", 2)[0]));
        return List.copyOf(all);
    }

    /** Whether this EHLO keyword is hidden ({@code hide_extensions}). */
    public boolean hides(String keyword) {
        return hiddenExtensions.contains(keyword.toUpperCase(Locale.ROOT));
    }

    public Settings withHostname(String value) {
        return with(b -> b.hostname = value);
    }

    public Settings withMaxMessageSize(long value) {
        return with(b -> b.maxMessageSize = value);
    }

    public Settings withMaxCommandLine(int value) {
        return with(b -> b.maxCommandLine = value);
    }

    public Settings withMaxTextLine(int value) {
        return with(b -> b.maxTextLine = value);
    }

    public Settings withMaxRecipients(int value) {
        return with(b -> b.maxRecipients = value);
    }

    public Settings withMaxConnections(int value) {
        return with(b -> b.maxConnections = value);
    }

    /** 0 for no limit. */
    public Settings withMaxConnectionsPerClient(int value) {
        return with(b -> b.maxConnectionsPerClient = value);
    }

    public Settings withIdleTimeout(Duration value) {
        return with(b -> b.idleTimeout = value);
    }

    public Settings withDrainTimeout(Duration value) {
        return with(b -> b.drainTimeout = value);
    }

    public Settings withSyntax(SyntaxMode value) {
        return with(b -> b.syntax = value);
    }

    public Settings withExtensions(List<String> hidden, List<String> extra) {
        return with(b -> {
            b.hiddenExtensions = hidden;
            b.extraExtensions = extra;
        });
    }

    public Settings withTls(TlsSettings value) {
        return with(b -> b.tls = value);
    }

    public Settings withAuth(AuthSettings value) {
        return with(b -> b.auth = value);
    }

    public Settings withChunking(Chunking value) {
        return with(b -> b.chunking = value);
    }

    /** A copy with some values changed; the record's checks apply to the result. */
    private Settings with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The values of a Settings while a copy is being changed. */
    private static final class Copy {
        private String hostname;
        private long maxMessageSize;
        private int maxCommandLine;
        private int maxTextLine;
        private int maxRecipients;
        private int maxConnections;
        private int maxConnectionsPerClient;
        private Duration idleTimeout;
        private Duration drainTimeout;
        private SyntaxMode syntax;
        private List<String> hiddenExtensions;
        private List<String> extraExtensions;
        private TlsSettings tls;
        private AuthSettings auth;
        private Chunking chunking;

        private Copy(Settings from) {
            hostname = from.hostname;
            maxMessageSize = from.maxMessageSize;
            maxCommandLine = from.maxCommandLine;
            maxTextLine = from.maxTextLine;
            maxRecipients = from.maxRecipients;
            maxConnections = from.maxConnections;
            maxConnectionsPerClient = from.maxConnectionsPerClient;
            idleTimeout = from.idleTimeout;
            drainTimeout = from.drainTimeout;
            syntax = from.syntax;
            hiddenExtensions = from.hiddenExtensions;
            extraExtensions = from.extraExtensions;
            tls = from.tls;
            auth = from.auth;
            chunking = from.chunking;
        }

        private Settings build() {
            return new Settings(hostname, maxMessageSize, maxCommandLine, maxTextLine, maxRecipients, maxConnections,
                    maxConnectionsPerClient, idleTimeout, drainTimeout, syntax, hiddenExtensions, extraExtensions, tls,
                    auth, chunking);
        }
    }
}
