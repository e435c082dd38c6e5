package dev.smtpdouble.scenario;

import dev.smtpdouble.protocol.Verb;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Where a rule can fire: the connection, a command, the message content, the end of data, or silence. */
public enum Trigger {
    CONNECT, EHLO, HELO, MAIL, RCPT, DATA, RSET, NOOP, VRFY, HELP, QUIT, STARTTLS,
    /** An AUTH attempt, at the reply that ends it (after the client's last SASL response). */
    AUTH,
    UNKNOWN,
    /** Any command (not the connection, content, end of data or idle). */
    ANY,
    /** While the message content streams, once a byte threshold is crossed. */
    CONTENT,
    /** The reply to the final dot. */
    MESSAGE,
    /** An unsolicited reply after the connection has been silent for a while. */
    IDLE,
    /** The TLS handshake succeeded (after STARTTLS, or on an implicit-TLS listener before the greeting). */
    TLS,
    /** A BDAT chunk (RFC 3030), answered once its bytes have been read; last so that draws of the others keep their seeds. */
    BDAT;

    public static Trigger of(Verb verb) {
        return switch (verb) {
            case EHLO -> EHLO;
            case HELO -> HELO;
            case MAIL -> MAIL;
            case RCPT -> RCPT;
            case DATA -> DATA;
            case RSET -> RSET;
            case NOOP -> NOOP;
            case VRFY -> VRFY;
            case HELP -> HELP;
            case QUIT -> QUIT;
            case STARTTLS -> STARTTLS;
            case AUTH -> AUTH;
            case BDAT -> BDAT;
            case NOT_IMPLEMENTED, UNKNOWN -> UNKNOWN;
        };
    }

    /** The triggers of a single command, which {@link #ANY} covers; listed, so a new trigger is placed on purpose. */
    private static final Set<Trigger> COMMANDS =
            EnumSet.of(EHLO, HELO, MAIL, RCPT, DATA, RSET, NOOP, VRFY, HELP, QUIT, STARTTLS, AUTH, UNKNOWN, BDAT);

    public boolean isCommand() {
        return COMMANDS.contains(this);
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
