package dev.smtpdouble.protocol;

/** How strictly MAIL FROM / RCPT TO arguments are checked. */
public enum SyntaxMode {
    /**
     * Accepts what real MTAs (Postfix by default) accept, rejects what even lenient Postfix rejects; a clean grammar
     * that is a little stricter than Postfix in places ({@link #POSTFIX} gives Postfix's verdicts exactly).
     */
    LENIENT,
    /** The RFC 5321 §4.1.2 grammar and the §4.5.3.1 limits, exactly. */
    STRICT,
    /**
     * The verdicts of Postfix 3.7's smtpd with its default settings, reply code and enhanced code alike: its
     * command tokenizer, RFC 822 address parser and address resolver, reproduced step by step.
     */
    POSTFIX,
    /**
     * The verdicts and replies of Exim 4.96 (Debian 12's) to MAIL FROM and RCPT TO, without enhanced status codes:
     * its command matching, option extraction and RFC 822 address parser, and its own reply texts.
     */
    EXIM
}
