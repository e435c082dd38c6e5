package dev.smtpdouble.protocol;

import java.util.ArrayList;
import java.util.List;

/** Every canned reply of the server, worded as Postfix words them. Scenarios may override any of them. */
public final class Replies {

    public static final Reply OK = Reply.of(250, "2.0.0", "Ok");
    public static final Reply SENDER_OK = Reply.of(250, "2.1.0", "Ok");
    public static final Reply RECIPIENT_OK = Reply.of(250, "2.1.5", "Ok");
    public static final Reply START_DATA = Reply.of(354, "End data with <CR><LF>.<CR><LF>");
    public static final Reply BYE = Reply.of(221, "2.0.0", "Bye");
    public static final Reply CANNOT_VRFY =
            Reply.of(252, "2.0.0", "Cannot VRFY user, but will accept message and attempt delivery");
    public static final Reply HELP =
            Reply.of(214, "2.0.0", "Commands: EHLO HELO MAIL RCPT DATA RSET NOOP VRFY HELP QUIT");

    public static final Reply UNKNOWN_COMMAND = Reply.of(500, "5.5.2", "Error: command not recognized");
    public static final Reply NOT_IMPLEMENTED = Reply.of(502, "5.5.1", "Error: command not implemented");
    public static final Reply LINE_TOO_LONG = Reply.of(500, "5.5.2", "Error: line too long");
    public static final Reply BAD_UTF8 = Reply.of(500, "5.5.2", "Error: bad UTF-8 syntax");
    public static final Reply TEXT_LINE_TOO_LONG =
            Reply.of(500, "5.5.2", "Error: message contains a line longer than the limit");

    public static final Reply NESTED_MAIL = Reply.of(503, "5.5.1", "Error: nested MAIL command");
    public static final Reply NEED_MAIL = Reply.of(503, "5.5.1", "Error: need MAIL command");
    public static final Reply NEED_RCPT = Reply.of(503, "5.5.1", "Error: need RCPT command");
    public static final Reply NO_VALID_RECIPIENTS = Reply.of(554, "5.5.1", "Error: no valid recipients");
    public static final Reply TOO_MANY_RECIPIENTS = Reply.of(452, "4.5.3", "Error: too many recipients");
    public static final Reply SIZE_EXCEEDED = Reply.of(552, "5.3.4", "Message size exceeds fixed limit");

    public static final Reply BAD_SENDER = Reply.of(501, "5.1.7", "Bad sender address syntax");
    public static final Reply BAD_RECIPIENT = Reply.of(501, "5.1.3", "Bad recipient address syntax");
    public static final Reply MAIL_SYNTAX = Reply.of(501, "5.5.4", "Syntax: MAIL FROM:<address>");
    public static final Reply RCPT_SYNTAX = Reply.of(501, "5.5.4", "Syntax: RCPT TO:<address>");
    public static final Reply UTF8_NOT_ENABLED =
            Reply.of(553, "5.6.7", "Must declare SMTPUTF8 to send UTF-8 address");
    public static final Reply MULTIPLE_AUTH = Reply.of(503, "5.5.4", "Error: multiple AUTH= options");
    public static final Reply EHLO_SYNTAX = Reply.of(501, "5.5.4", "Syntax: EHLO hostname");
    public static final Reply HELO_SYNTAX = Reply.of(501, "5.5.4", "Syntax: HELO hostname");
    public static final Reply VRFY_SYNTAX = Reply.of(501, "5.5.4", "Syntax: VRFY address");

    public static final Reply READY_FOR_TLS = Reply.of(220, "2.0.0", "Ready to start TLS");
    public static final Reply STARTTLS_SYNTAX = Reply.of(501, "5.5.4", "Syntax: STARTTLS");
    public static final Reply TLS_ALREADY_ACTIVE = Reply.of(554, "5.5.1", "Error: TLS already active");
    public static final Reply TLS_NOT_AVAILABLE = Reply.of(454, "4.7.0", "TLS not available due to local problem");
    public static final Reply TLS_REQUIRED = Reply.of(530, "5.7.0", "Must issue a STARTTLS command first");
    public static final Reply AUTH_SUCCESSFUL = Reply.of(235, "2.7.0", "Authentication successful");
    public static final Reply AUTH_FAILED = authFailed("authentication failure");
    public static final Reply AUTH_BAD_PROTOCOL = authFailed("bad protocol / cancel");
    public static final Reply AUTH_ANOTHER_STEP = authFailed("another step is needed in authentication");
    public static final Reply AUTH_NO_MECHANISM = authFailed("no mechanism available");
    public static final Reply AUTH_ABORTED = Reply.of(501, "5.7.0", "Authentication aborted");
    public static final Reply AUTH_SYNTAX = Reply.of(501, "5.5.4", "Syntax: AUTH mechanism");
    public static final Reply AUTH_NOT_ENABLED = Reply.of(503, "5.5.1", "Error: authentication not enabled");
    public static final Reply ALREADY_AUTHENTICATED = Reply.of(503, "5.5.1", "Error: already authenticated");
    public static final Reply AUTH_IN_TRANSACTION = Reply.of(503, "5.5.1", "Error: MAIL transaction in progress");
    public static final Reply SASL_RESPONSE_TOO_LONG = Reply.of(500, "5.5.6", "SASL response limit exceeded");
    /** Gmail's and RFC 4954's words: Postfix has no reply of its own for this. */
    public static final Reply AUTH_REQUIRED = Reply.of(530, "5.7.0", "Authentication required");

    public static final Reply SHUTDOWN =
            Reply.of(421, "4.3.2", "Service not available, closing transmission channel");
    public static final Reply INTERNAL_ERROR = Reply.of(421, "4.3.0", "Error: internal error, closing connection");

    /* BDAT (RFC 3030), worded as Postfix 3.7 words them (measured), except the BINARYMIME one: Postfix has none. */
    public static final Reply BDAT_SYNTAX = Reply.of(521, "5.5.4", "Syntax: BDAT count [LAST]");
    public static final Reply NULL_BDAT = Reply.of(551, "5.7.1", "Null BDAT request");
    public static final Reply CHUNK_TOO_BIG = Reply.of(552, "5.3.4", "Chunk exceeds message size limit");
    public static final Reply DATA_AFTER_BDAT = Reply.of(503, "5.5.1", "Error: DATA after BDAT");
    public static final Reply RCPT_AFTER_BDAT = Reply.of(503, "5.5.1", "Error: RCPT after BDAT");
    public static final Reply BINARYMIME_NEEDS_BDAT = Reply.of(503, "5.5.1", "Error: BODY=BINARYMIME needs BDAT");

    /*
     * Templates for scenario rules: the values in braces are filled in when the rule fires. The
     * limits are worded as Postfix's anvil limits (smtpd.c), greylisting as postgrey behind Postfix.
     */
    public static final Reply LIMIT_CONNECTIONS =
            Reply.of(421, "4.7.0", "{hostname} Error: too many connections from {client_ip}");
    public static final Reply LIMIT_MESSAGES = Reply.of(450, "4.7.1", "Error: too much mail from {client_ip}");
    public static final Reply LIMIT_RECIPIENTS = Reply.of(450, "4.7.1", "Error: too many recipients from {client_ip}");
    public static final Reply GREYLISTED_RECIPIENT = Reply.of(450, "4.2.0", "<{recipient}>: Recipient address "
            + "rejected: Greylisted, see http://postgrey.schweikert.ch/help/{recipient_domain}.html");
    public static final Reply GREYLISTED = Reply.of(451, "4.7.1", "Greylisted, try again in {seconds} seconds");

    /** The replies to MAIL FROM and RCPT TO in Postfix's words: those of every profile but {@code exim}. */
    public static final EnvelopeReplies ENVELOPE = new EnvelopeReplies(SENDER_OK, RECIPIENT_OK, NESTED_MAIL, NEED_MAIL,
            SIZE_EXCEEDED, TOO_MANY_RECIPIENTS, malformed -> forSyntaxError(malformed.error(), malformed.parameter()));

    private static final EnhancedStatus QUEUED = EnhancedStatus.of("2.0.0");

    private Replies() {
    }

    public static Reply greeting(String hostname) {
        return Reply.of(220, hostname + " ESMTP");
    }

    public static Reply helo(String hostname) {
        return Reply.of(250, hostname);
    }

    /** The EHLO reply: the hostname, then one line per advertised extension. */
    public static Reply ehlo(String hostname, List<String> extensions) {
        List<String> lines = new ArrayList<>(extensions.size() + 1);
        lines.add(hostname);
        lines.addAll(extensions);
        return new Reply(250, null, lines);
    }

    /** A SASL challenge; {@code 334 } with its trailing space when the challenge is empty. */
    public static Reply challenge(String base64) {
        return Reply.of(334, base64);
    }

    private static Reply authFailed(String reason) {
        return Reply.of(535, "5.7.8", "Error: authentication failed: " + reason);
    }

    public static Reply queued(String id) {
        return new Reply(250, QUEUED, List.of("Ok: queued as " + id));
    }

    /** A BDAT chunk that is not the last: its bytes are taken. */
    public static Reply chunkTaken(long bytes) {
        return Reply.of(250, "2.0.0", "Ok: " + bytes + " bytes");
    }

    /** The last BDAT chunk: the message, so many bytes long, is queued. */
    public static Reply chunksQueued(long bytes, String id) {
        return new Reply(250, QUEUED, List.of("Ok: " + bytes + " bytes queued as " + id));
    }

    /** A chunk after a refused one in the same message: read and dropped. */
    public static Reply chunkDiscarded(long bytes) {
        return Reply.of(551, "5.0.0", "Discarded " + bytes + " bytes after earlier error");
    }

    /** 501 5.5.4 for a command that takes no argument but got one, e.g. {@code Syntax: DATA}. */
    public static Reply noArgumentExpected(Verb verb) {
        return Reply.of(501, "5.5.4", "Syntax: " + verb.name());
    }

    /** A client's word echoed in a reply: control characters (a bare CR, a NUL) become '?'. */
    private static String printable(String word) {
        if (word == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(word.length());
        word.codePoints().forEach(c -> out.appendCodePoint(c < ' ' || c == 127 ? '?' : c));
        return out.toString();
    }

    public static Reply tooManyConnections(String hostname) {
        return Reply.of(421, "4.7.0", hostname + " Error: too many connections");
    }

    /** Postfix's answer when a client exceeds smtpd_client_connection_count_limit. */
    public static Reply tooManyConnectionsFrom(String hostname, String clientAddress) {
        return Reply.of(421, "4.7.0", hostname + " Error: too many connections from " + printable(clientAddress));
    }

    public static Reply idleTimeout(String hostname) {
        return Reply.of(421, "4.4.2", hostname + " Error: timeout exceeded");
    }

    /** The reply for a malformed MAIL FROM / RCPT TO argument. */
    public static Reply forSyntaxError(SyntaxError error, String parameter) {
        return switch (error) {
            case BAD_SENDER -> BAD_SENDER;
            case BAD_RECIPIENT -> BAD_RECIPIENT;
            case MAIL_SYNTAX -> MAIL_SYNTAX;
            case RCPT_SYNTAX -> RCPT_SYNTAX;
            case BAD_PARAMETER -> Reply.of(501, "5.5.4", "Bad " + printable(parameter) + " parameter syntax");
            case UNSUPPORTED_PARAMETER -> Reply.of(555, "5.5.4", "Unsupported option: " + printable(parameter));
            case UTF8_NOT_ENABLED -> UTF8_NOT_ENABLED;
            case MULTIPLE_AUTH -> MULTIPLE_AUTH;
        };
    }
}
