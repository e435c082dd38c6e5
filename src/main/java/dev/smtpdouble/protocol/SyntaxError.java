package dev.smtpdouble.protocol;

/** What is wrong with a MAIL FROM / RCPT TO argument; {@link Replies} turns each into the reply Postfix sends. */
public enum SyntaxError {
    /** 501 5.1.7 Bad sender address syntax. */
    BAD_SENDER,
    /** 501 5.1.3 Bad recipient address syntax. */
    BAD_RECIPIENT,
    /** 501 5.5.4 Syntax: MAIL FROM:&lt;address&gt; (missing or misplaced FROM:). */
    MAIL_SYNTAX,
    /** 501 5.5.4 Syntax: RCPT TO:&lt;address&gt; (missing or misplaced TO:). */
    RCPT_SYNTAX,
    /** 501 5.5.4 Bad NAME parameter syntax (a known parameter with a bad value). */
    BAD_PARAMETER,
    /** 555 5.5.4 Unsupported option: NAME (unknown, or not allowed on this command). */
    UNSUPPORTED_PARAMETER,
    /** 553 5.6.7 a UTF-8 address without SMTPUTF8 (strict mode only). */
    UTF8_NOT_ENABLED,
    /** 503 5.5.4 Error: multiple AUTH= options (the postfix profile: a second AUTH= with a mailbox). */
    MULTIPLE_AUTH
}
