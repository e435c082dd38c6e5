package dev.smtpdouble.protocol.exim;

import dev.smtpdouble.protocol.ArgumentParse;
import dev.smtpdouble.protocol.EnvelopeReplies;
import dev.smtpdouble.protocol.Reply;

/**
 * Exim 4.96's replies to MAIL FROM and RCPT TO (smtp_in.c), word for word: no enhanced status codes, and a 501 that
 * echoes the argument before the reason ({@code 501 <a@b..c>: domain missing or malformed}). Control characters
 * but TAB in an echoed argument become '?', as in every reply of this server (Exim sends them as they came).
 */
public final class EximReplies {

    public static final Reply SENDER_OK = Reply.of(250, "OK");
    public static final Reply RECIPIENT_OK = Reply.of(250, "Accepted");
    public static final Reply SENDER_ALREADY_GIVEN = Reply.of(503, "sender already given");
    public static final Reply SENDER_NOT_YET_GIVEN = Reply.of(503, "sender not yet given");
    public static final Reply SIZE_EXCEEDED = Reply.of(552, "Message size exceeds maximum permitted");
    public static final Reply TOO_MANY_RECIPIENTS = Reply.of(452, "too many recipients");
    /** "MAIL FROM :", "MAIL TO:", "RCPT  TO:": no command Exim knows. */
    public static final Reply UNRECOGNIZED = Reply.of(500, "unrecognized command");

    /** MAIL and RCPT answered as Exim answers them. */
    public static final EnvelopeReplies ENVELOPE = new EnvelopeReplies(SENDER_OK, RECIPIENT_OK, SENDER_ALREADY_GIVEN,
            SENDER_NOT_YET_GIVEN, SIZE_EXCEEDED, TOO_MANY_RECIPIENTS, EximReplies::malformed);

    static final String NUL_CHARACTERS = "NUL characters are not allowed in SMTP commands";
    static final String MAIL_OPERAND = "MAIL must have an address operand";
    static final String RCPT_OPERAND = "RCPT must have an address operand";
    static final String SENDER_DOMAIN = "sender address must contain a domain";
    static final String RECIPIENT_DOMAIN = "recipient address must contain a domain";
    static final String BODY_INVALID = "invalid data for BODY";
    static final String AUTH_INVALID = "invalid data for AUTH";
    static final String RET_TWICE = "RET can be specified once only";
    static final String RET_INVALID = "Value for RET is invalid";
    static final String ENVID_TWICE = "ENVID can be specified once only";
    static final String ORCPT_TWICE = "ORCPT can be specified once only";
    static final String NOTIFY_TWICE = "NOTIFY can be specified once only";
    static final String NOTIFY_INVALID = "Invalid value for NOTIFY parameter";

    private EximReplies() {
    }

    /** synprot_error's "data: reason", the data being the argument as the options left it. */
    static String echoed(String data, String reason) {
        return data + ": " + reason;
    }

    private static Reply malformed(ArgumentParse.Malformed error) {
        return switch (error.error()) {
            case MAIL_SYNTAX, RCPT_SYNTAX -> UNRECOGNIZED;
            default -> Reply.of(501, printable(error.detail()));
        };
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint((c < ' ' && c != '\t') || c == 127 ? '?' : c));
        return out.toString();
    }
}
